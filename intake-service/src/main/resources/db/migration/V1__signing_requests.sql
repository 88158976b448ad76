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
