package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Base64;

/**
 * One ledger entry as the audit API shows it: its seq and indexed columns (null ones are left out
 * of the JSON). {@code GET /api/v1/audit} and the stream leave out the leaf too (it is served with
 * the entry's inclusion proof); the export adds it.
 *
 * @param leaf the entry's exact leaf, base64 (the export only): its leaf hash is SHA-256(0x00 ||
 *     leaf), which an inclusion proof leads to the checkpoint's root from
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
    @Nullable String approvers,
    @Nullable String leaf) {

  static AuditEntryView of(LedgerRow row) {
    return of(row, null);
  }

  /** With the entry's leaf, as the export writes it. */
  static AuditEntryView withLeaf(LedgerRow row) {
    return of(row, Base64.getEncoder().encodeToString(row.leaf()));
  }

  private static AuditEntryView of(LedgerRow row, @Nullable String leaf) {
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
        row.approvers(),
        leaf);
  }
}
