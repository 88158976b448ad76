package dev.hallmark.audit.feed;

import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Publishes appended ledger entries on {@code hallmark.audit.v1}, one {@link AuditRecord} each,
 * through the outbox in the appending transaction: a record exists exactly when its entry does.
 * Appends hold the ledger's lock until they commit, so their outbox rows get ids in seq order, and
 * the relay sends rows in id order onto the topic's one partition: topic order is seq order (the
 * limits are in audit-service/README.md, "The audit topic").
 */
@Singleton
public class AuditFeed {
  private final Outbox outbox;

  AuditFeed(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * Call with the entries just inserted, in seq order, inside the transaction that inserted them.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void publish(List<LedgerEntry> entries) {
    outbox.appendAll(
        Topics.AUDIT,
        entries.stream()
            .map(AuditRecords::of)
            .map(record -> new Outbox.Keyed(Topics.auditKey(record.getRequestId()), record))
            .toList());
  }
}
