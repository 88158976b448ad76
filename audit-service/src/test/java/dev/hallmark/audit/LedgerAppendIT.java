package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Appending to the ledger against real PostgreSQL, in a database of its own so that seqs are known:
 * concurrent batches stay gapless and ordered, redeliveries add nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerAppendIT implements TestPropertyProvider {
  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "ledger_append");

  @Inject LedgerAppender appender;

  @Override
  public Map<String, String> getProperties() {
    return AuditServiceProperties.of(infra, jdbcUrl);
  }

  @Test
  void append_concurrentBatchesOfFourThreads_giveGaplessSeqsEachEventOnce() throws Exception {
    long before = rowCount();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<List<LedgerEntry>>> results = new ArrayList<>();
    List<String> eventIds = new ArrayList<>();
    for (int batch = 0; batch < 40; batch++) {
      List<EntryDraft> drafts = TestEntries.drafts(5, "concurrent");
      drafts.forEach(draft -> eventIds.add(draft.eventId()));
      results.add(threads.submit(() -> appender.append(drafts)));
    }
    List<LedgerEntry> appended = new ArrayList<>();
    for (Future<List<LedgerEntry>> result : results) {
      appended.addAll(result.get());
    }
    threads.shutdown();

    assertThat(appended).hasSize(200);
    List<Long> seqs = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement query = db.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT seq, event_id, leaf FROM audit.ledger_entry WHERE seq >= "
                    + before
                    + " ORDER BY seq")) {
      while (rows.next()) {
        seqs.add(rows.getLong("seq"));
        stored.add(rows.getString("event_id"));
        LedgerEntry entry = LedgerEntry.fromLeaf(rows.getBytes("leaf"));
        assertThat(entry.seq()).isEqualTo(rows.getLong("seq"));
        assertThat(entry.eventId()).isEqualTo(rows.getString("event_id"));
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long seq = before; seq < before + 200; seq++) {
      expected.add(seq);
    }
    assertThat(seqs).isEqualTo(expected);
    assertThat(stored).containsExactlyInAnyOrderElementsOf(eventIds);
  }

  @Test
  void append_redeliveredBatchAndDuplicatesWithinOne_appendEachEventOnce() throws Exception {
    List<EntryDraft> drafts = TestEntries.drafts(3, "redelivered");
    long before = rowCount();

    List<LedgerEntry> first = appender.append(List.of(drafts.get(0), drafts.get(1), drafts.get(0)));
    List<LedgerEntry> second = appender.append(drafts);

    assertThat(first)
        .extracting(LedgerEntry::eventId)
        .containsExactly(drafts.get(0).eventId(), drafts.get(1).eventId());
    assertThat(second).extracting(LedgerEntry::eventId).containsExactly(drafts.get(2).eventId());
    assertThat(second.get(0).seq()).isEqualTo(first.get(1).seq() + 1);
    assertThat(rowCount()).isEqualTo(before + 3);
  }

  private long rowCount() throws Exception {
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT count(*) FROM audit.ledger_entry")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
