package dev.hallmark.auditbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of {@code stack bench-audit} against a real PostgreSQL: audit-service's context
 * starts without its outbox relay and without Kafka, the ledger verifies, the outbox keeps what the
 * ledger wrote, and the scratch database and role are gone afterwards.
 */
class AppendBenchmarkIT {
  private static final int WARMUP = 100;
  private static final int ENTRIES = 400;

  @Test
  void run_shortRun_measuresBothPhasesVerifiesAndLeavesNothingBehind(@TempDir Path results)
      throws Exception {
    Infrastructure infra = TestInfrastructure.shared();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        AppendBenchmark.run(
            List.of(
                "--jdbc", infra.jdbcUrl(),
                "--user", infra.dbUser(),
                "--entries", Integer.toString(ENTRIES),
                "--batch", "50",
                "--warmup", Integer.toString(WARMUP),
                "--checkpoint-interval", "200ms",
                "--results-dir", results.toString()),
            Map.of("HALLMARK_DB_PASSWORD", infra.dbPassword()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as("stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("ledger (LedgerAppender + checkpoints)")
        .contains("plain INSERT (same table shape)")
        .contains("verified: valid (tree size " + (WARMUP + ENTRIES) + ")");
    Map<String, Number> report = topLevelNumbers(results.resolve(AppendBenchReport.LATEST));
    assertThat(report.get("tree_size").longValue()).isEqualTo(WARMUP + ENTRIES);
    // No relay took them: an AuditRecord per entry, plus the checkpoint events.
    assertThat(report.get("outbox_rows_left").longValue()).isGreaterThan(WARMUP + ENTRIES);
    assertThat(scratchDatabasesLeft(infra)).isZero();
  }

  private static Map<String, Number> topLevelNumbers(Path json) throws IOException {
    Map<String, Number> numbers = new HashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(json.toFile())) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isNumeric()) {
          numbers.put(name, parser.getNumberValue());
        } else {
          parser.skipChildren();
        }
      }
    }
    return numbers;
  }

  private static long scratchDatabasesLeft(Infrastructure infra) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
        Statement statement = connection.createStatement();
        ResultSet count =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM pg_database WHERE datname LIKE"
                    + " 'hallmark\\_audit\\_bench\\_%')"
                    + " + (SELECT count(*) FROM pg_roles WHERE rolname LIKE"
                    + " 'hallmark\\_audit\\_bench\\_%')")) {
      count.next();
      return count.getLong(1);
    }
  }
}
