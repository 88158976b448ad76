package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * A ledger entry before it has a place: everything but its seq and the time it is recorded, which
 * {@link LedgerAppender} assigns under its lock.
 */
public record EntryDraft(
    String eventId,
    String eventType,
    Instant occurredAt,
    @Nullable String requestId,
    EventSource source,
    Map<String, Object> details) {

  public LedgerEntry at(long seq, Instant recordedAt) {
    return new LedgerEntry(
        seq, recordedAt, eventId, eventType, occurredAt, requestId, source, details);
  }
}
