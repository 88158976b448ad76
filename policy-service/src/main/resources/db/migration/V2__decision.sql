-- One decision per signing request (request_id is the dedupe key: Kafka delivers a request at least
-- once). The PolicyDecision event announcing it is written to the outbox in the same transaction.
-- policy_version is 0 when the request named no configured project or policy; key_id is set only
-- for APPROVED decisions; reason is set unless APPROVED.
create table decision (
    request_id     uuid primary key,
    event_id       uuid        not null unique,
    outcome        text        not null,
    reason         text,
    project        text        not null,
    policy         text        not null,
    policy_version int         not null,
    key_id         text,
    decided_at     timestamptz not null
);
