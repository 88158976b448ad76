-- The tamper-evident audit ledger (ADR 0008). One row per consumed event, seq gapless from 0 (the
-- entry's Merkle leaf index); leaf holds the exact bytes the tree hashes (canonical JSON, version
-- 1, audit-service/README.md); the other columns are derived from the leaf, for queries.
-- audit_entry, the table before it, is imported at the ledger's beginning by audit-service at its
-- next start and not written any more.
create table ledger_entry (
    seq              bigint      primary key check (seq >= 0),
    event_id         text        not null unique,
    event_type       text        not null,
    request_id       text,
    project          text,
    actor            text,
    method           text,
    outcome          text,
    -- the image digests, " sha256:a sha256:b ", so that a digest matches only as a whole word
    digests          text        not null,
    reason           text,
    approvers        text,
    source_topic     text        not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    occurred_at      timestamptz not null,
    recorded_at      timestamptz not null,
    leaf             bytea       not null
);

create index ledger_entry_request_id on ledger_entry (request_id);
create index ledger_entry_project on ledger_entry (project);
create index ledger_entry_recorded_at on ledger_entry (recorded_at);

-- Signed checkpoints (tree heads) of the ledger, each consistent with the one before.
create table checkpoint (
    tree_size  bigint      primary key check (tree_size >= 0),
    root_hash  bytea       not null,
    signed_at  timestamptz not null,
    -- SHA-256 of the audit key's DER SubjectPublicKeyInfo, hex
    key_id     text        not null,
    -- the C2SP signed note, exactly as exported
    note       text        not null
);

-- Insert-only: whoever runs UPDATE, DELETE or TRUNCATE on these tables, the owner included, is
-- refused. audit-service's own role has only SELECT and INSERT besides (R__service_role_grants).
-- A superuser can still get past this (session_replication_role = replica, or dropping the
-- triggers); that is what the checkpoints and the verifier are for.
create function refuse_ledger_change() returns trigger
    language plpgsql as $$
begin
    raise exception '%.% is insert-only: % refused', tg_table_schema, tg_table_name, tg_op
        using hint = 'ledger rows are never changed or removed; see ADR 0008';
end;
$$;

create trigger ledger_entry_insert_only before update or delete on ledger_entry
    for each row execute function refuse_ledger_change();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function refuse_ledger_change();
create trigger checkpoint_insert_only before update or delete on checkpoint
    for each row execute function refuse_ledger_change();
create trigger checkpoint_no_truncate before truncate on checkpoint
    for each statement execute function refuse_ledger_change();
