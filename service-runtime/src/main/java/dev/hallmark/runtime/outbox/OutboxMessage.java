package dev.hallmark.runtime.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code intake.outbox}: one encoded event waiting to be relayed to Kafka. */
@MappedEntity("outbox")
public record OutboxMessage(
    @Id @GeneratedValue @Nullable Long id,
    String topic,
    String messageKey,
    String eventType,
    byte[] payload,
    Instant createdAt) {}
