-- Indexes for the filters of GET /api/v1/audit, its export and its live stream (issue 8). Every
-- query is "the matching entries after seq N, in seq order, at most L", so the column indexes end in
-- seq: PostgreSQL walks one value's entries in order and stops after L. Rows are not changed by any
-- of this (the table stays insert-only): CREATE INDEX only reads them, existing rows included.

drop index ledger_entry_request_id;
drop index ledger_entry_project;
create index ledger_entry_request_id_seq on ledger_entry (request_id, seq) where request_id is not null;
create index ledger_entry_project_seq on ledger_entry (project, seq) where project is not null;
create index ledger_entry_actor_seq on ledger_entry (actor, seq) where actor is not null;
create index ledger_entry_method_seq on ledger_entry (method, seq) where method is not null;
create index ledger_entry_outcome_seq on ledger_entry (outcome, seq) where outcome is not null;

-- The digests column (" sha256:a sha256:b ") as an array, so that a digest is found through a GIN
-- index instead of a substring search over every row.
create index ledger_entry_digests on ledger_entry using gin (string_to_array(btrim(digests), ' '));

-- The repositories an entry names, read from its leaf: for every image in details.image and
-- details.images[], its path ("demo/app") and its full name ("registry.example:5000/demo/app"), so
-- that either form finds it. An expression index rather than a new column: the table refuses UPDATE,
-- so a column could not be filled for the rows already there, and an index that PostgreSQL derives
-- from the leaf bytes themselves cannot disagree with them (the verifier checks the leaf by its hash
-- and need not check this). ADR 0008.
create function ledger_repositories(leaf bytea) returns text[]
    language plpgsql immutable strict parallel safe
    set search_path = pg_catalog, pg_temp
as $$
declare
    details jsonb;
    names   text[];
begin
    details := convert_from(leaf, 'UTF8')::jsonb -> 'details';
    select coalesce(array_agg(distinct name order by name), '{}')
      into names
      from (select details -> 'image' as image
             where jsonb_typeof(details -> 'image') = 'object'
            union all
            select jsonb_array_elements(details -> 'images')
             where jsonb_typeof(details -> 'images') = 'array') as images,
           lateral (values (image ->> 'repository'),
                           ((image ->> 'registry') || '/' || (image ->> 'repository'))) as forms(name)
     where name is not null;
    return names;
exception
    -- A leaf jsonb cannot read (a \u0000 in some text; the leaf itself is valid canonical JSON)
    -- names no repository here rather than failing the append that inserts it.
    when invalid_text_representation or untranslatable_character or character_not_in_repertoire then
        return '{}';
end;
$$;

create index ledger_entry_repositories on ledger_entry using gin (ledger_repositories(leaf));
