package dev.hallmark.audit.ledger;

import dev.hallmark.audit.feed.AuditFeed;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends entries to the ledger, gapless and in order whatever number of consumer threads or
 * instances append at once: one transaction per batch takes a transaction-scoped advisory lock,
 * reads the next seq, drops events already recorded (Kafka delivers at least once; the event id is
 * the key) and inserts the rest with consecutive seqs. The lock is held until the commit, so the
 * next batch sees these rows and seqs become visible in their order. Each appended entry is
 * published on the audit topic in the same transaction ({@link AuditFeed}), so under the same lock:
 * the topic gets the entries in seq order.
 */
@Singleton
public class LedgerAppender {
  private final LedgerRepository ledger;
  private final PreLedgerImport preLedger;
  private final AuditFeed feed;
  private final Clock clock;

  LedgerAppender(LedgerRepository ledger, PreLedgerImport preLedger, AuditFeed feed, Clock clock) {
    this.ledger = ledger;
    this.preLedger = preLedger;
    this.feed = feed;
    this.clock = clock;
  }

  /**
   * Imports what audit-service recorded before the ledger existed, if the ledger is still empty
   * (also done before the first append; at start it makes the old entries visible at once).
   */
  @Transactional
  public void importPreLedgerEntries() {
    ledger.lockAppends();
    preLedger.importIfLedgerEmpty();
  }

  /**
   * @return the entries appended now, in seq order; redelivered events are not among them
   */
  @Transactional
  public List<LedgerEntry> append(List<EntryDraft> drafts) {
    if (drafts.isEmpty()) {
      return List.of();
    }
    ledger.lockAppends();
    preLedger.importIfLedgerEmpty();
    Map<String, EntryDraft> fresh = new LinkedHashMap<>();
    drafts.forEach(draft -> fresh.putIfAbsent(draft.eventId(), draft));
    Set<String> recorded = new HashSet<>(ledger.findRecordedEventIds(fresh.keySet()));
    fresh.keySet().removeAll(recorded);
    if (fresh.isEmpty()) {
      return List.of();
    }
    long seq = ledger.nextSeq();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<LedgerEntry> entries = new ArrayList<>(fresh.size());
    List<LedgerRow> rows = new ArrayList<>(fresh.size());
    for (EntryDraft draft : fresh.values()) {
      LedgerEntry entry = draft.at(seq++, now);
      entries.add(entry);
      rows.add(LedgerRow.of(entry));
    }
    ledger.saveAll(rows);
    feed.publish(entries);
    return entries;
  }
}
