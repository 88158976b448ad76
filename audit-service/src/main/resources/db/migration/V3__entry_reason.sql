-- Why a step failed or was refused, as the event says it (the "reason" of SigningFailed,
-- PublicationFailed, DecisionRejected, a denied PolicyDecision), so that the audit log answers
-- "why" without the event bytes. Null for events without a reason.
alter table audit_entry add column reason text;
