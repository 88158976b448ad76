-- Signing requests as intake accepted them. Status is advanced by later events.
create table signing_request (
    id             uuid primary key,
    project        text        not null,
    signing_policy text        not null,
    status         text        not null,
    submitted_by   text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

-- Transactional outbox: a row is written in the same transaction as the state change it
-- announces, and deleted by the relay once Kafka acknowledged it (ARCHITECTURE.md, "No dual
-- writes"). payload holds the Avro single-object encoded event, exactly as it goes to Kafka.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);
