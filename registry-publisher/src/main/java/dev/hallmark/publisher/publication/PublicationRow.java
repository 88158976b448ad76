package dev.hallmark.publisher.publication;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code publisher.publication}. */
@MappedEntity("publication")
public record PublicationRow(
    @Id @GeneratedValue @Nullable Long id,
    UUID eventId,
    UUID requestId,
    String registry,
    String repository,
    String digest,
    String method,
    String keyId,
    String payloadDigest,
    String status,
    @Nullable String location,
    @Nullable String reason,
    int attempts,
    Instant completedAt) {}
