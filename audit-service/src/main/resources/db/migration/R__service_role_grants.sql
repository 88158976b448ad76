-- What audit-service's own database role (${servicerole}, hallmark.audit.db-role) may do; Flyway
-- runs this as the schema's owner after the versioned migrations, and again whenever the role
-- changes (the placeholder is part of the checksum). The ledger and its checkpoints: SELECT and
-- INSERT only. The outbox: what the relay needs. Earlier tables: read only. Running audit-service
-- as the owner itself (one database user for everything) makes these grants no-ops; see
-- docs/operations.md.
grant usage on schema ${flyway:defaultSchema} to "${servicerole}";
grant select, insert on ledger_entry, checkpoint to "${servicerole}";
grant select, insert, update, delete on outbox to "${servicerole}";
grant usage on sequence outbox_id_seq to "${servicerole}";
grant select on audit_entry, flyway_schema_history to "${servicerole}";
