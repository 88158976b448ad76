package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code audit.ledger_entry}: the entry's leaf, the bytes the Merkle tree hashes, and the
 * columns derived from it for queries ({@link LedgerColumns}). Insert-only: the table's triggers
 * refuse UPDATE, DELETE and TRUNCATE, and audit-service's database role may only INSERT and SELECT.
 */
@MappedEntity("ledger_entry")
public record LedgerRow(
    @Id long seq,
    String eventId,
    String eventType,
    @Nullable String requestId,
    @Nullable String project,
    @Nullable String actor,
    @Nullable String method,
    @Nullable String outcome,
    String digests,
    @Nullable String reason,
    @Nullable String approvers,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    Instant occurredAt,
    Instant recordedAt,
    byte[] leaf) {

  public static LedgerRow of(LedgerEntry entry) {
    return of(entry.seq(), LedgerColumns.of(entry), entry.leaf());
  }

  public static LedgerRow of(long seq, LedgerColumns columns, byte[] leaf) {
    return new LedgerRow(
        seq,
        columns.eventId(),
        columns.eventType(),
        columns.requestId(),
        columns.project(),
        columns.actor(),
        columns.method(),
        columns.outcome(),
        columns.digests(),
        columns.reason(),
        columns.approvers(),
        columns.sourceTopic(),
        columns.sourcePartition(),
        columns.sourceOffset(),
        columns.occurredAt(),
        columns.recordedAt(),
        leaf);
  }

  /** The row's columns as stored, to compare with those its leaf gives. */
  public LedgerColumns columns() {
    return new LedgerColumns(
        eventId,
        eventType,
        requestId,
        project,
        actor,
        method,
        outcome,
        digests,
        reason,
        approvers,
        sourceTopic,
        sourcePartition,
        sourceOffset,
        occurredAt,
        recordedAt);
  }
}
