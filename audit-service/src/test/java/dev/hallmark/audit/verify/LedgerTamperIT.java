package dev.hallmark.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.audit.AuditServiceProperties;
import dev.hallmark.audit.TestDatabases;
import dev.hallmark.audit.TestEntries;
import dev.hallmark.audit.checkpoint.CheckpointExport;
import dev.hallmark.audit.checkpoint.CheckpointService;
import dev.hallmark.audit.checkpoint.LedgerInconsistentException;
import dev.hallmark.audit.ledger.CanonicalJson;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A database superuser, who gets past the triggers ({@code session_replication_role = replica}),
 * changes the ledger after a checkpoint; the verifier, both the service's endpoint and the command
 * an auditor runs, finds each change and names its kind and seq. A database of its own, restored
 * after each test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerTamperIT implements TestPropertyProvider {
  static final int ENTRIES = 12;
  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "tamper");

  @Inject LedgerAppender appender;
  @Inject CheckpointService checkpoints;
  @Inject CheckpointExport export;

  @Inject
  @Client("/")
  HttpClient http;

  long treeSize;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(AuditServiceProperties.of(infra, jdbcUrl));
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    return properties;
  }

  @BeforeAll
  void checkpointedLedger() throws Exception {
    appender.append(TestEntries.drafts(ENTRIES, "tamper"));
    treeSize = checkpoints.checkpointAndExport(false).orElseThrow().checkpoint().treeSize();
    asSuperuser("CREATE TABLE audit.ledger_backup AS SELECT * FROM audit.ledger_entry");
  }

  @AfterEach
  void restore() throws Exception {
    asSuperuser(
        "DELETE FROM audit.ledger_entry",
        "INSERT INTO audit.ledger_entry SELECT * FROM audit.ledger_backup");
  }

  @Test
  void verify_untouched_isValid() throws Exception {
    assertThat(treeSize).isGreaterThanOrEqualTo(ENTRIES);
    assertThat(problems()).isEmpty();
    assertThat(apiReport()).containsEntry("valid", true);
  }

  @Test
  void verify_fieldOfALeafUpdated_isModifiedAtItsSeq() throws Exception {
    asSuperuser(
        "UPDATE audit.ledger_entry SET project = 'other', leaf = convert_to(replace("
            + "convert_from(leaf, 'UTF8'), '\"project\":\"tamper\"', '\"project\":\"other\"'),"
            + " 'UTF8') WHERE seq = 4");

    assertThat(problems()).containsExactly("modified@4");
  }

  @Test
  void verify_indexedColumnUpdated_isModifiedNamingTheColumn() throws Exception {
    asSuperuser("UPDATE audit.ledger_entry SET project = 'other' WHERE seq = 6");

    assertThat(problems()).containsExactly("modified@6");
    assertThat(apiReport().toString()).contains("columns project differ from the leaf");
  }

  @Test
  void verify_rowDeleted_isDeletedAtItsSeq() throws Exception {
    asSuperuser("DELETE FROM audit.ledger_entry WHERE seq = 5");

    assertThat(problems()).containsExactly("deleted@5");
  }

  @Test
  void verify_forgedRowInsertedBetween_isInsertedAtItsSeq() throws Exception {
    asSuperuser(
        "UPDATE audit.ledger_entry SET seq = seq + 1000000 WHERE seq >= 7",
        "UPDATE audit.ledger_entry SET seq = seq - 999999 WHERE seq >= 1000000",
        "INSERT INTO audit.ledger_entry SELECT 7, 'forged-' || event_id, event_type, request_id,"
            + " project, actor, method, outcome, digests, reason, approvers, source_topic,"
            + " source_partition, source_offset, occurred_at, recorded_at,"
            + " convert_to(replace(convert_from(leaf, 'UTF8'), '\"seq\":6,', '\"seq\":7,'), 'UTF8')"
            + " FROM audit.ledger_entry WHERE seq = 6");

    assertThat(problems()).containsExactly("inserted@7");
  }

  @Test
  void verify_twoRowsSwapped_isReorderedAtBothSeqs() throws Exception {
    asSuperuser(
        "UPDATE audit.ledger_entry SET seq = 1000000 WHERE seq = 3",
        "UPDATE audit.ledger_entry SET seq = 3 WHERE seq = 9",
        "UPDATE audit.ledger_entry SET seq = 9 WHERE seq = 1000000");

    assertThat(problems()).containsExactly("reordered@3", "reordered@9");
  }

  @Test
  void verify_tailTruncated_isTruncatedFromTheFirstMissingSeq() throws Exception {
    asSuperuser("DELETE FROM audit.ledger_entry WHERE seq >= 9");

    assertThat(problems()).containsExactly("truncated@9");
  }

  @Test
  void verify_entriesAfterTheCheckpoint_areUncoveredNotProblems() throws Exception {
    appender.append(TestEntries.drafts(3, "tamper"));

    Map<String, Object> report = apiReport();

    assertThat(report).containsEntry("valid", true);
    assertThat(((Number) report.get("uncoveredEntries")).longValue()).isGreaterThanOrEqualTo(3);
    assertThat(((Number) report.get("treeSize")).longValue()).isEqualTo(treeSize);
  }

  @Test
  void verify_exportedCheckpointAltered_isAnExportProblem() throws Exception {
    Path note = export.directory().resolve(CheckpointExport.CHECKPOINT);
    String original = Files.readString(note);
    Files.writeString(
        note, original.replaceFirst("\n" + treeSize + "\n", "\n" + (treeSize - 1) + "\n"));
    try {
      assertThat(problems()).containsExactly("export@null");
      assertThat(apiReport().toString()).contains("does not verify");
    } finally {
      Files.writeString(note, original);
    }
  }

  @Test
  void checkpoint_afterARestartOverAModifiedRow_isRefused() throws Exception {
    asSuperuser(
        "UPDATE audit.ledger_entry SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'),"
            + " '\"policy\":\"default\"', '\"policy\":\"release\"'), 'UTF8') WHERE seq = 2");
    Map<String, Object> properties = new HashMap<>(getProperties());
    try (ApplicationContext restarted = ApplicationContext.run(properties)) {
      restarted.getBean(LedgerAppender.class).append(TestEntries.drafts(1, "tamper"));

      assertThatThrownBy(
              () -> restarted.getBean(CheckpointService.class).checkpointAndExport(false))
          .isInstanceOf(LedgerInconsistentException.class)
          .hasMessageContaining("no longer hash to the root of the checkpoint of that size");
    }
  }

  /** The problems the command finds, as kind@seq, after checking the endpoint agrees. */
  private List<String> problems() throws Exception {
    Map<String, Object> command = commandReport();
    Map<String, Object> api = apiReport();
    assertThat(kindsAt(api)).as("the endpoint and the command agree").isEqualTo(kindsAt(command));
    return kindsAt(command);
  }

  @SuppressWarnings("unchecked")
  private static List<String> kindsAt(Map<String, Object> report) {
    List<Map<String, Object>> problems = (List<Map<String, Object>>) report.get("problems");
    return problems == null
        ? List.of()
        : problems.stream().map(p -> p.get("kind") + "@" + p.get("seq")).toList();
  }

  private Map<String, Object> apiReport() {
    return http.toBlocking()
        .retrieve(
            HttpRequest.GET("/api/v1/audit/verify"), Argument.mapOf(String.class, Object.class));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> commandReport() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        VerifyCommand.run(
            List.of(
                "--jdbc", jdbcUrl,
                "--user", infra.dbUser(),
                "--export-dir", export.directory().toString(),
                "--public-key", AuditServiceProperties.publicKeyFile().toString()),
            Map.of("HALLMARK_DB_PASSWORD", infra.dbPassword()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 1);
    Map<String, Object> report = (Map<String, Object>) CanonicalJson.parse(out.toByteArray());
    assertThat(exit).isEqualTo(Boolean.TRUE.equals(report.get("valid")) ? 0 : 1);
    return report;
  }

  private void asSuperuser(String... statements) throws Exception {
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement sql = db.createStatement()) {
      // A superuser's way past the insert-only triggers (they fire only in origin mode).
      sql.execute("SET session_replication_role = replica");
      for (String statement : statements) {
        sql.execute(statement);
      }
    }
  }
}
