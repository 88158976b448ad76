-- Requests whose policy asks people to approve them (issue 7). Their decision row says
-- PENDING_APPROVAL until the approvals, a rejection or the expiry settle them; then it is updated to
-- the final outcome, with the final event's id, in the transaction that announces it.

-- What the final decision needs, kept from the moment the request became pending: the request as
-- intake wrote it (single-object encoded SigningRequested: images, origin, submitter, methods), and
-- the policy's version, approval rule, methods and key as they were then, so that approvers approve
-- exactly what they were shown even if the policy changes meanwhile. settlement is null while the
-- request waits; setting it (only where it is null) is what makes one transaction, and one only,
-- announce the final decision.
create table pending_decision (
    request_id       uuid primary key references decision (request_id),
    pending_event_id uuid        not null unique,
    signing_request  bytea       not null,
    project          text        not null,
    policy           text        not null,
    policy_version   int         not null,
    submitter_kind   text        not null,
    submitter        text        not null,
    approval_group   text        not null,
    required         int         not null check (required >= 1),
    methods          text        not null,
    key_id           text        not null,
    pending_since    timestamptz not null,
    expires_at       timestamptz not null,
    settlement       text check (settlement in ('APPROVED', 'REJECTED', 'EXPIRED')),
    settled_at       timestamptz,
    final_event_id   uuid unique
);

-- The expiry job and the approvers' list read the open requests only.
create index pending_decision_open on pending_decision (expires_at) where settlement is null;

-- One verdict per approver and request (the unique key refuses a second one). Recorded only while
-- the request is pending; a refused attempt (self-approval, not in the group) is not recorded. id
-- orders verdicts of the same millisecond.
create table approval (
    id         bigint generated always as identity primary key,
    request_id uuid        not null references pending_decision (request_id),
    approver   text        not null,
    verdict    text        not null check (verdict in ('APPROVE', 'REJECT')),
    comment    text,
    decided_at timestamptz not null,
    unique (request_id, approver)
);
