-- The image digests an event is about (" sha256:a sha256:b "), so that the audit log can be
-- searched by digest. Space-delimited so that a digest matches only as a whole word.
alter table audit_entry add column digests text not null default '';
