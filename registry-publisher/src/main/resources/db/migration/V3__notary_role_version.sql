-- The highest version of each Notary role registry-publisher has verified, per GUN: a server that
-- later serves a lower version rolled back (TUF rollback protection that survives restarts).
create table notary_role_version (
    id      bigserial primary key,
    gun     text   not null,
    role    text   not null,
    version bigint not null,
    constraint notary_role_version_once unique (gun, role)
);
