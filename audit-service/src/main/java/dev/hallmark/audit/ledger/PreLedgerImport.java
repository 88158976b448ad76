package dev.hallmark.audit.ledger;

import dev.hallmark.audit.feed.AuditFeed;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the entries audit-service recorded before the ledger existed ({@code audit.audit_entry})
 * at the ledger's beginning, once, in their order, before any new event: so the audit API keeps
 * answering with them, a redelivered old event is recognized by its id, and from the first
 * checkpoint on they are as tamper-evident as every later entry. What they were before the import
 * (a table anyone with the owner's rights could change) the ledger cannot vouch for; their leaves
 * say so ({@code details.preLedger: true}) and hold only what the old table had. They are published
 * on the audit topic like every entry, before any later one.
 */
@Singleton
class PreLedgerImport {
  private static final Logger LOG = LoggerFactory.getLogger(PreLedgerImport.class);
  private static final int PAGE = 1000;
  private final LedgerRepository ledger;
  private final PreLedgerRepository preLedger;
  private final AuditFeed feed;
  private volatile boolean ledgerHasEntries;

  PreLedgerImport(LedgerRepository ledger, PreLedgerRepository preLedger, AuditFeed feed) {
    this.ledger = ledger;
    this.preLedger = preLedger;
    this.feed = feed;
  }

  /** Imports the old entries if the ledger is empty. Call only while holding the append lock. */
  void importIfLedgerEmpty() {
    if (ledgerHasEntries) {
      return;
    }
    if (ledger.nextSeq() > 0) {
      ledgerHasEntries = true;
      return;
    }
    // Not marked done here: if this transaction rolls back, the next one imports again.
    long seq = 0;
    long after = -1;
    List<PreLedgerEntry> page;
    while (!(page = preLedger.findPage(after, PAGE)).isEmpty()) {
      List<LedgerEntry> entries = new ArrayList<>(page.size());
      for (PreLedgerEntry old : page) {
        entries.add(entry(old, seq++));
        after = old.seq();
      }
      ledger.saveAll(entries.stream().map(LedgerRow::of).toList());
      feed.publish(entries);
    }
    if (seq > 0) {
      LOG.info("imported {} entries recorded before the ledger existed (audit.audit_entry)", seq);
    }
  }

  static LedgerEntry entry(PreLedgerEntry old, long seq) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("preLedger", true);
    List<String> digests =
        old.digests() == null
            ? List.of()
            : Arrays.stream(old.digests().trim().split(" ")).filter(d -> !d.isEmpty()).toList();
    details.put("digests", digests.isEmpty() ? null : digests);
    details.put("reason", old.reason());
    details.put("actor", old.actor());
    details.put("project", old.project());
    details.put("outcome", old.outcome());
    details.put("approvers", old.approvers() == null ? null : List.of(old.approvers().split(", ")));
    return new LedgerEntry(
        seq,
        old.recordedAt() == null ? old.occurredAt() : old.recordedAt(),
        old.eventId(),
        old.eventType(),
        old.occurredAt(),
        old.requestId(),
        new EventSource(old.sourceTopic(), old.sourcePartition(), old.sourceOffset()),
        details);
  }
}
