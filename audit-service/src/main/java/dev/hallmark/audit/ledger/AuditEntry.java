package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A row of {@code audit.audit_entry}: one event seen by the audit service. */
@Serdeable
@MappedEntity("audit_entry")
public record AuditEntry(
    @Id @GeneratedValue @Nullable Long seq,
    String eventId,
    String eventType,
    @Nullable String requestId,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    Instant occurredAt,
    @Nullable Instant recordedAt,
    /* The image digests the event is about, space-delimited. */
    @Nullable String digests,
    /* Why a step failed or was refused, as the event says; null if it gives no reason. */
    @Nullable String reason) {}
