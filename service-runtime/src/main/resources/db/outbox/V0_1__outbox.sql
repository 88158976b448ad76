-- Transactional outbox (service-runtime, dev.hallmark.runtime.outbox): a row is written in the same
-- transaction as the state change it announces, and deleted by the relay once Kafka acknowledged
-- it (docs/architecture.md, "No dual writes"). payload holds the Avro single-object encoded event,
-- exactly as it goes to Kafka. Versioned 0.1 so that it runs before the service's own migrations.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);
