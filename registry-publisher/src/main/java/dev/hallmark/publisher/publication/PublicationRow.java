package dev.hallmark.publisher.publication;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code publisher.publication}: one signature to publish ({@code PENDING}) or published
 * or given up ({@code PUBLISHED}, {@code FAILED}).
 *
 * @param target the registry host (cosign) or Notary server (notary) it is published to
 * @param event the {@code SignatureCreated}, single-object encoded; null only in rows finished
 *     before publications became durable work
 * @param pendingSince when it became pending (received, or re-driven)
 */
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
    @Nullable Instant completedAt,
    String target,
    @Nullable byte[] event,
    Instant pendingSince,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant leaseUntil) {

  public static final String PENDING = "PENDING";
  public static final String PUBLISHED = "PUBLISHED";
  public static final String FAILED = "FAILED";
}
