-- Baseline of the policy schema, owned by policy-service alone. Flyway creates the schema and its history
-- table; the tables arrive with the capabilities that need them.
comment on schema policy is 'Owned by policy-service; migrated by Flyway at start.';
