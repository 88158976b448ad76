package dev.hallmark.signer.keys;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code signer.signing_key}: public facts about a key id; never private material. */
@MappedEntity("signing_key")
public record SigningKeyRow(
    @Id String id,
    String algorithm,
    String backend,
    String publicKeyPem,
    String fingerprint,
    Instant createdAt) {}
