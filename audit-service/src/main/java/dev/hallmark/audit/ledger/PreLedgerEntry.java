package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code audit.audit_entry}, the table audit-service wrote before the ledger existed
 * (mutable, no hashes). Read once, to import it at the ledger's beginning ({@link
 * PreLedgerImport}); never written any more.
 */
@MappedEntity("audit_entry")
public record PreLedgerEntry(
    @Id long seq,
    String eventId,
    String eventType,
    @Nullable String requestId,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    Instant occurredAt,
    @Nullable Instant recordedAt,
    @Nullable String digests,
    @Nullable String reason,
    @Nullable String actor,
    @Nullable String project,
    @Nullable String outcome,
    @Nullable String approvers) {}
