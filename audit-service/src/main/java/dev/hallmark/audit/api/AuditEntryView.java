package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One ledger entry as {@code GET /api/v1/audit} lists it: its seq and indexed columns (null ones
 * are left out of the JSON). The exact leaf is served with its inclusion proof.
 */
@Serdeable
record AuditEntryView(
    long seq,
    String eventId,
    String eventType,
    @Nullable String requestId,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    Instant occurredAt,
    Instant recordedAt,
    String digests,
    @Nullable String reason,
    @Nullable String actor,
    @Nullable String project,
    @Nullable String method,
    @Nullable String outcome,
    @Nullable String approvers) {

  static AuditEntryView of(LedgerRow row) {
    return new AuditEntryView(
        row.seq(),
        row.eventId(),
        row.eventType(),
        row.requestId(),
        row.sourceTopic(),
        row.sourcePartition(),
        row.sourceOffset(),
        row.occurredAt(),
        row.recordedAt(),
        row.digests(),
        row.reason(),
        row.actor(),
        row.project(),
        row.method(),
        row.outcome(),
        row.approvers());
  }
}
