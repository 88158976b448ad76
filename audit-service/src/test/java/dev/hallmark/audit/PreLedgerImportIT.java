package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.AuditOutcome;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.schemas.serde.EventCodec;
import io.micronaut.context.ApplicationContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database audit-service used before the ledger existed: its audit_entry rows become the ledger's
 * first entries, in their order, when the new version starts, and a redelivered old event is not
 * appended again. The imported entries are published on the audit topic like every other, first.
 */
class PreLedgerImportIT {
  final Infrastructure infra = TestInfrastructure.shared();

  @Test
  void start_withPreLedgerRows_importsThemFirstInOrderAndDedupesTheirEvents() throws Exception {
    String jdbcUrl = TestDatabases.create(infra, "pre_ledger");
    Flyway.configure()
        .dataSource(jdbcUrl, infra.dbUser(), infra.dbPassword())
        .schemas("audit")
        .defaultSchema("audit")
        .createSchemas(true)
        .locations("filesystem:" + migrationsBeforeTheLedger())
        .load()
        .migrate();
    String requestId = UUID.randomUUID().toString();
    String firstEvent = UUID.randomUUID().toString();
    String secondEvent = UUID.randomUUID().toString();
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO audit.audit_entry (event_id, event_type, request_id, source_topic,"
                    + " source_partition, source_offset, occurred_at, digests, reason, outcome,"
                    + " approvers, project) VALUES (?, ?, ?, 'hallmark.policy-decisions.v1', 2, ?,"
                    + " ?, ' sha256:aa sha256:bb ', ?, ?, ?, 'demo')")) {
      insertOld(insert, firstEvent, "SigningRequested", requestId, 7, null, null, null);
      insertOld(
          insert, secondEvent, "PolicyDecision", requestId, 8, "fine", "APPROVED", "alice, bob");
    }

    long firstOffset = AuditTopic.endOffset(infra);
    try (ApplicationContext service =
        ApplicationContext.run(new HashMap<>(AuditServiceProperties.of(infra, jdbcUrl)))) {
      List<LedgerEntry> imported = ledger(jdbcUrl);
      assertThat(imported).extracting(LedgerEntry::seq).containsExactly(0L, 1L);
      assertThat(imported)
          .extracting(LedgerEntry::eventId)
          .containsExactly(firstEvent, secondEvent);
      assertThat(imported.get(1).details())
          .containsEntry("preLedger", true)
          .containsEntry("outcome", "APPROVED")
          .containsEntry("reason", "fine")
          .containsEntry("approvers", List.of("alice", "bob"))
          .containsEntry("digests", List.of("sha256:aa", "sha256:bb"));
      assertThat(imported.get(1).source().offset()).isEqualTo(8);

      var redelivered = TestEntries.draft("demo");
      var sameEvent =
          new dev.hallmark.audit.ledger.EntryDraft(
              secondEvent,
              redelivered.eventType(),
              redelivered.occurredAt(),
              requestId,
              redelivered.source(),
              redelivered.details());
      List<LedgerEntry> appended =
          service.getBean(LedgerAppender.class).append(List.of(sameEvent, redelivered));

      assertThat(appended).extracting(LedgerEntry::eventId).containsExactly(redelivered.eventId());
      assertThat(appended.get(0).seq()).isEqualTo(2);

      List<AuditRecord> published =
          AuditTopic.readUntil(
                  infra,
                  firstOffset,
                  event -> event instanceof AuditRecord record && record.getSequence() == 2,
                  Duration.ofSeconds(90))
              .stream()
              .map(record -> EventCodec.standard().decode(record.value()))
              .filter(AuditRecord.class::isInstance)
              .map(AuditRecord.class::cast)
              .toList();
      assertThat(published).extracting(AuditRecord::getSequence).containsExactly(0L, 1L, 2L);
      assertThat(published)
          .extracting(AuditRecord::getSourceEventId)
          .containsExactly(firstEvent, secondEvent, redelivered.eventId());
      assertThat(published.get(1).getSummary())
          .isEqualTo(
              "PolicyDecision project demo APPROVED approved by alice, bob for sha256:aa, sha256:bb:"
                  + " fine (recorded before the ledger)");
      assertThat(published.get(1).getOutcome()).isEqualTo(AuditOutcome.SUCCESS);
      assertThat(published.get(1).getLeaf())
          .isEqualTo(java.nio.ByteBuffer.wrap(imported.get(1).leaf()));
    }
  }

  /** V1 to V5, the migrations of the version before the ledger (Flyway runs repeatables always). */
  private static Path migrationsBeforeTheLedger() throws Exception {
    Path dir = Files.createTempDirectory("audit-migrations-");
    for (String name :
        List.of(
            "V1__received_events.sql",
            "V2__entry_digests.sql",
            "V3__entry_reason.sql",
            "V4__entry_actor_project.sql",
            "V5__entry_outcome_approvers.sql")) {
      try (InputStream in =
          PreLedgerImportIT.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
    return dir;
  }

  private static void insertOld(
      PreparedStatement insert,
      String eventId,
      String type,
      String requestId,
      long offset,
      String reason,
      String outcome,
      String approvers)
      throws Exception {
    insert.setString(1, eventId);
    insert.setString(2, type);
    insert.setString(3, requestId);
    insert.setLong(4, offset);
    insert.setObject(5, java.sql.Timestamp.from(Instant.parse("2026-11-20T09:00:00Z")));
    insert.setString(6, reason);
    insert.setString(7, outcome);
    insert.setString(8, approvers);
    insert.executeUpdate();
  }

  private List<LedgerEntry> ledger(String jdbcUrl) throws Exception {
    List<LedgerEntry> entries = new ArrayList<>();
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT leaf FROM audit.ledger_entry ORDER BY seq")) {
      while (rows.next()) {
        entries.add(LedgerEntry.fromLeaf(rows.getBytes(1)));
      }
    }
    return entries;
  }
}
