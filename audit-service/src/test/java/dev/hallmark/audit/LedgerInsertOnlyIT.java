package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.audit.checkpoint.CheckpointService;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.deploy.local.infrastructure.DatabaseRoles;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger and its checkpoints are insert-only in PostgreSQL: audit-service's own role lacks the
 * privileges to change them, and the triggers refuse even the owner.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerInsertOnlyIT implements TestPropertyProvider {
  /** SQLSTATE insufficient_privilege. */
  static final String PERMISSION_DENIED = "42501";

  /** SQLSTATE raise_exception, what the triggers raise. */
  static final String RAISED = "P0001";

  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "insert_only");
  final DatabaseRoles.Login service = DatabaseRoles.forTests(infra, DatabaseRoles.AUDIT);

  @Inject LedgerAppender appender;
  @Inject CheckpointService checkpoints;

  @Override
  public Map<String, String> getProperties() {
    return AuditServiceProperties.of(infra, jdbcUrl);
  }

  @BeforeAll
  void appendAndCheckpoint() {
    appender.append(TestEntries.drafts(3, "insert-only"));
    checkpoints.checkpointAndExport(false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit.ledger_entry SET reason = 'changed' WHERE seq = 1",
        "DELETE FROM audit.ledger_entry WHERE seq = 2",
        "TRUNCATE audit.ledger_entry",
        "UPDATE audit.checkpoint SET note = 'changed'",
        "DELETE FROM audit.checkpoint",
        "TRUNCATE audit.checkpoint",
        "ALTER TABLE audit.ledger_entry DISABLE TRIGGER ledger_entry_insert_only",
        "DROP TRIGGER ledger_entry_no_truncate ON audit.ledger_entry"
      })
  void serviceRole_changingTheLedger_isDeniedPermission(String statement) throws Exception {
    try (Connection db = TestDatabases.as(jdbcUrl, service.user(), service.password());
        Statement sql = db.createStatement()) {
      assertThatThrownBy(() -> sql.execute(statement))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(PERMISSION_DENIED))
          .satisfies(
              e -> assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner"));
    }
    assertThat(rowCount()).isEqualTo(3);
  }

  @Test
  void serviceRole_reading_isAllowed() throws Exception {
    try (Connection db = TestDatabases.as(jdbcUrl, service.user(), service.password());
        Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(*) FROM audit.checkpoint")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit.ledger_entry SET reason = 'changed' WHERE seq = 1|UPDATE",
        "DELETE FROM audit.ledger_entry WHERE seq = 2|DELETE",
        "TRUNCATE audit.ledger_entry|TRUNCATE",
        "UPDATE audit.checkpoint SET note = 'changed'|UPDATE",
        "DELETE FROM audit.checkpoint|DELETE",
        "TRUNCATE audit.checkpoint|TRUNCATE"
      })
  void owner_changingTheLedger_isRefusedByTheTriggers(String statementAndOperation)
      throws Exception {
    String[] parts = statementAndOperation.split("\\|");
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement sql = db.createStatement()) {
      assertThatThrownBy(() -> sql.execute(parts[0]))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(RAISED))
          .hasMessageContaining("is insert-only: " + parts[1] + " refused");
    }
    assertThat(rowCount()).isEqualTo(3);
  }

  private long rowCount() throws Exception {
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(*) FROM audit.ledger_entry")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
