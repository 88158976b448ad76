package dev.hallmark.signer.decisions;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code signer.signature}: one signature issued, unique per request, image, method and
 * key. {@code id} is the id of the {@code SignatureCreated} event that announced it.
 */
@MappedEntity("signature")
public record SignatureRow(
    @Id UUID id,
    UUID requestId,
    String registry,
    String repository,
    String digest,
    String method,
    String keyId,
    byte[] payload,
    byte[] signature,
    String payloadDigest,
    Instant createdAt) {}
