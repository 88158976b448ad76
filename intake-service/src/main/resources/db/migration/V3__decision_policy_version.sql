-- What decided a request: the version of the signing policy policy-service applied (0 when the
-- request named no configured policy) and the people who approved it (", "-separated; null when
-- nobody had to). Set by each decision, so a request keeps showing the version that decided it
-- after the policy changed. Null until the first decision arrives.
alter table signing_request add column policy_version int;
alter table signing_request add column approvers text;
