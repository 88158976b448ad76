-- Why a request ended DENIED or FAILED, and how many signatures it needs to be COMPLETED
-- (images x approved methods, known once policy-service approved it).
alter table signing_request add column reason text;
alter table signing_request add column expected_signatures int;
alter table signing_request add column submitter_kind text not null default 'CI_TOKEN';

-- The images of a request, by digest (tags resolved at intake).
create table signing_request_image (
    id         bigserial primary key,
    request_id uuid not null references signing_request (id),
    position   int  not null,
    registry   text not null,
    repository text not null,
    digest     text not null,
    tags       text not null,
    unique (request_id, position)
);

-- Published signatures and failed publications per image, method and key, from the
-- publications topic. The primary key makes redelivered events harmless.
create table signature_outcome (
    request_id   uuid        not null references signing_request (id),
    registry     text        not null,
    repository   text        not null,
    digest       text        not null,
    method       text        not null,
    key_id       text        not null,
    location     text,
    failure      text,
    occurred_at  timestamptz not null,
    primary key (request_id, registry, repository, digest, method, key_id)
);

-- Idempotency-Key of CI submissions: a retried submission returns the request it created.
create table idempotency_key (
    submitter       text        not null,
    idempotency_key text        not null,
    request_id      uuid        not null,
    request_sha256  text        not null,
    created_at      timestamptz not null,
    primary key (submitter, idempotency_key)
);

-- Registry notification events already handled (delivery is at-least-once).
create table webhook_delivery (
    event_id    text primary key,
    received_at timestamptz not null,
    request_id  uuid
);
