-- Versions seen are only comparable under the same root: when a repository's trust data is
-- initialized again (a new root, pinned anew), its versions start over. The pinned root key ids
-- (sorted, comma-joined) become part of the key.
alter table notary_role_version add column root_pin text not null default '';
alter table notary_role_version drop constraint notary_role_version_once;
alter table notary_role_version
    add constraint notary_role_version_once unique (gun, root_pin, role);
