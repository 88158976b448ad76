package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code intake.signature_outcome}: a published signature or a failed publication. */
@Introspected
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
