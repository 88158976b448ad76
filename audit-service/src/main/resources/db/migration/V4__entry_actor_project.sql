-- Who made the change an event records, when the event says so (changedBy of ProjectCatalogued),
-- and the project an event is about (its "project" field), so that the audit log answers "who
-- changed project x, and when" without the event bytes. Null for events without them.
alter table audit_entry add column actor text;
alter table audit_entry add column project text;

create index audit_entry_project on audit_entry (project);
