-- Public facts about each key id: a key id is bound to its first public key for good (the service
-- refuses to start if the key behind an id changes). Never private key material.
create table signing_key (
    id             text        primary key,
    algorithm      text        not null,
    backend        text        not null,
    public_key_pem text        not null,
    -- sha256:<hex> of the DER SubjectPublicKeyInfo
    fingerprint    text        not null,
    created_at     timestamptz not null
);

-- Every signature issued. The natural key makes signing idempotent: a redelivered decision finds
-- its signature here and emits nothing. Registry and repository are part of it because the same
-- digest in two repositories needs two signatures (docker-reference differs). Its index, led by
-- request_id, also serves lookups by request.
create table signature (
    id             uuid        primary key,  -- eventId of the SignatureCreated announcing it
    request_id     uuid        not null,
    registry       text        not null,
    repository     text        not null,
    digest         text        not null,
    method         text        not null,
    key_id         text        not null references signing_key (id),
    payload        bytea       not null,
    signature      bytea       not null,
    payload_digest text        not null,
    created_at     timestamptz not null,
    constraint signature_natural_key
        unique (request_id, registry, repository, digest, method, key_id)
);
