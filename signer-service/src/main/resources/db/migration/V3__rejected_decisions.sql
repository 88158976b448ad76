-- Policy decisions refused because no trusted policy-service key authenticated them (forged or
-- altered records). decision_event_id is the dedupe key: a redelivered record is refused again but
-- announced (DecisionRejected, through the outbox in the same transaction) only once.
create table rejected_decision (
    decision_event_id uuid        primary key,
    event_id          uuid        not null unique,  -- eventId of the DecisionRejected announcing it
    request_id        uuid        not null,         -- as the rejected record claims it
    reason            text        not null,
    rejected_at       timestamptz not null
);
