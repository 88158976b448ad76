-- Baseline of the publisher schema, owned by registry-publisher alone. Flyway creates the schema and its history
-- table; the tables arrive with the capabilities that need them.
comment on schema publisher is 'Owned by registry-publisher; migrated by Flyway at start.';
