-- One row per signature registry-publisher has finished with: published, or given up on. The unique
-- natural key makes a redelivered SignatureCreated publish once and emit nothing the second time; the
-- row and its outcome event (outbox) are written in one transaction.
create table publication (
    id             bigserial primary key,
    event_id       uuid        not null,
    request_id     uuid        not null,
    registry       text        not null,
    repository     text        not null,
    digest         text        not null,
    method         text        not null,
    key_id         text        not null,
    payload_digest text        not null,
    status         text        not null check (status in ('PUBLISHED', 'FAILED')),
    location       text,
    reason         text,
    attempts       int         not null,
    completed_at   timestamptz not null,
    constraint publication_once unique (digest, method, key_id, payload_digest)
);

create index publication_request_id on publication (request_id);
