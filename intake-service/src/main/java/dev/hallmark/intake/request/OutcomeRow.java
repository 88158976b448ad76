package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code intake.signature_outcome}: a published signature or a failed publication. Its
 * primary key is (request, registry, repository, digest, method, key); the row is only ever
 * inserted and read whole, so it declares no id.
 */
@MappedEntity("signature_outcome")
public record OutcomeRow(
    UUID requestId,
    String registry,
    String repository,
    String digest,
    String method,
    String keyId,
    @Nullable String location,
    @Nullable String failure,
    Instant occurredAt) {}
