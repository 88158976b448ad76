-- Every event audit-service has seen, once (event_id is the dedupe key: Kafka delivers at least
-- once). The tamper-evident ledger (insert-only, Merkle tree, checkpoints) builds on this.
create table audit_entry (
    seq              bigint generated always as identity primary key,
    event_id         text        not null unique,
    event_type       text        not null,
    request_id       text,
    source_topic     text        not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    occurred_at      timestamptz not null,
    recorded_at      timestamptz not null default now()
);

create index audit_entry_request_id on audit_entry (request_id);
