-- Publication becomes durable work: consuming a SignatureCreated only inserts a PENDING row (the
-- signature event kept in `event`), and the publication worker attempts due rows until they end
-- PUBLISHED or FAILED. A registry or Notary outage leaves rows PENDING, retried with backoff, for
-- as long as it lasts. Rows written before this migration are finished and keep no event.
alter table publication drop constraint publication_status_check;
alter table publication
    add constraint publication_status check (status in ('PENDING', 'PUBLISHED', 'FAILED'));
alter table publication alter column completed_at drop not null;
-- The registry host (cosign) or the Notary server (notary) the row is published to.
alter table publication add column target text not null default '';
-- The SignatureCreated, single-object encoded; null only in rows finished before this migration.
alter table publication add column event bytea;
-- Since when the row is pending: received, or re-driven by an operator (give-up-after counts from it).
alter table publication add column pending_since timestamptz not null default now();
-- When the worker may attempt the row next, and until when an instance holds it (a crashed
-- instance's rows are taken over once their lease ends).
alter table publication add column next_attempt_at timestamptz;
alter table publication add column lease_until timestamptz;

create index publication_pending on publication (target, id) where status = 'PENDING';

-- Targets that failed with an outage (unreachable, 5xx, 429): while a row is here, the worker
-- sends one probe at a time to the target, not earlier than retry_at; the first answer deletes
-- the row and makes every waiting publication of the target due at once.
create table publication_target (
    target   text primary key,
    failures int         not null,
    retry_at timestamptz not null
);
