-- Baseline of the signer schema, owned by signer-service alone. Flyway creates the schema and its history
-- table; the tables arrive with the capabilities that need them.
comment on schema signer is 'Owned by signer-service; migrated by Flyway at start.';
