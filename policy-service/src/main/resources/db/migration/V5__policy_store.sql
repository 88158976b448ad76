-- Projects and their signing policies, versioned (issue 7). A project is kept as a document, the
-- tree the policy-as-code file holds below hallmark.projects.<project> (token hashes only, never
-- tokens). Every change writes a new project_revision; a policy whose own block changed gets a new
-- policy_version. Decisions record the policy version they applied, and policy_version keeps every
-- version's document, so an old decision can always be explained by the rules it used.

-- The current state of each project: one row, locked while a change is applied.
create table project (
    name       text primary key,
    revision   bigint      not null,
    -- 'policy-as-code': imported from the file at start, and changed only there;
    -- 'api': created and changed through the admin API.
    source     text        not null check (source in ('policy-as-code', 'api')),
    deleted    boolean     not null,
    document   jsonb       not null,
    updated_at timestamptz not null,
    updated_by text        not null
);

-- Every revision of every project, insert-only. change_id orders all changes of all projects: a
-- policy-service instance reloads its catalogue when the highest change_id differs from the one it
-- loaded, so a change made on one instance is seen by every other at their next decision.
create table project_revision (
    change_id  bigserial primary key,
    project    text        not null,
    revision   bigint      not null,
    source     text        not null,
    deleted    boolean     not null,
    document   jsonb       not null,
    changed_at timestamptz not null,
    changed_by text        not null,
    unique (project, revision)
);

-- Every version of every policy, insert-only. content_sha256 is the SHA-256 of the policy block's
-- canonical JSON: a revision that leaves a policy's block as it was keeps its version.
create table policy_version (
    project          text        not null,
    policy           text        not null,
    version          int         not null check (version >= 1),
    content_sha256   text        not null,
    document         jsonb       not null,
    project_revision bigint      not null,
    created_at       timestamptz not null,
    created_by       text        not null,
    primary key (project, policy, version)
);
