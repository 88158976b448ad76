-- What a decision decided and who approved it, as the event says it (the "outcome" and "approvers"
-- of a PolicyDecision), so that the audit log answers "who let this be signed" without the event
-- bytes: a request under an approval policy has a PENDING_APPROVAL entry, then an APPROVED one
-- naming its approvers (or a DENIED one with the reason). approvers are the names separated by
-- ", ", in the order they approved. Both null for events without them.
alter table audit_entry add column outcome text;
alter table audit_entry add column approvers text;
