package dev.hallmark.auditbench;

import dev.hallmark.audit.checkpoint.CheckpointService;
import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.audit.verify.LedgerVerification;
import dev.hallmark.audit.verify.VerificationReport;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The production path: audit-service's own beans in a Micronaut context on the scratch database,
 * migrated by its Flyway migrations as the owner and appending as the service role. One {@link
 * LedgerAppender#append} per batch, back to back on one thread, as {@code EventRecorder} appends
 * each polled batch; the checkpoint scheduler signs, checks and exports checkpoints on its own
 * thread meanwhile. Kafka is off: no consumer (the benchmark is the only source of entries) and no
 * producer: the context has no outbox relay ({@link ContextWithoutRelay}), so the outbox keeps the
 * AuditRecord and checkpoint events, as before a relay would take them.
 */
final class LedgerAppendPhase {
  static final String ORIGIN = "hallmark.bench/audit";

  /**
   * @param checkpoints those the scheduler made while the timed batches ran
   * @param verification the verifier's report after a last checkpoint over everything appended
   * @param outboxRows the outbox rows left (no relay in the context): one AuditRecord per entry and
   *     the checkpoint events
   */
  record Outcome(
      PhaseResult result,
      List<CheckpointTimings.Made> checkpoints,
      double averageLeafBytes,
      VerificationReport verification,
      long outboxRows) {}

  private final ScratchDatabase database;
  private final AppendBenchOptions options;
  private final PrintStream out;

  LedgerAppendPhase(ScratchDatabase database, AppendBenchOptions options, PrintStream out) {
    this.database = database;
    this.options = options;
    this.out = out;
  }

  Outcome run(Path keyFile, Path exportDir) throws SQLException {
    CheckpointTimings timings = new CheckpointTimings();
    try (ApplicationContext context =
        ContextWithoutRelay.start(properties(keyFile, exportDir), timings)) {
      LedgerAppender appender = context.getBean(LedgerAppender.class);
      FlowDrafts drafts = new FlowDrafts();
      out.printf(Locale.ROOT, "ledger: warming up with %d entries%n", options.warmup());
      for (int done = 0; done < options.warmup(); done += options.batch()) {
        appendAll(appender, drafts.next(Math.min(options.batch(), options.warmup() - done)));
      }
      out.printf(
          Locale.ROOT,
          "ledger: appending %d entries in batches of %d, checkpoints every %d ms%n",
          options.entries(),
          options.batch(),
          options.checkpointInterval().toMillis());
      int batches = (options.entries() + options.batch() - 1) / options.batch();
      long[] batchNanos = new long[batches];
      long leafBytes = 0;
      long total = 0;
      long started = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        List<EntryDraft> batch =
            drafts.next(Math.min(options.batch(), options.entries() - i * options.batch()));
        long t0 = System.nanoTime();
        List<LedgerEntry> appended = appendAll(appender, batch);
        batchNanos[i] = System.nanoTime() - t0;
        total += batchNanos[i];
        for (LedgerEntry entry : appended) {
          leafBytes += entry.leaf().length;
        }
      }
      long ended = System.nanoTime();
      List<CheckpointTimings.Made> checkpoints = timings.between(started, ended);
      context.getBean(CheckpointService.class).checkpointAndExport(false);
      VerificationReport verification = context.getBean(LedgerVerification.class).verify();
      return new Outcome(
          new PhaseResult(
              "ledger (LedgerAppender + checkpoints)", options.entries(), total, batchNanos),
          checkpoints,
          (double) leafBytes / options.entries(),
          verification,
          outboxRows());
    }
  }

  private static List<LedgerEntry> appendAll(LedgerAppender appender, List<EntryDraft> batch) {
    List<LedgerEntry> appended = appender.append(batch);
    if (appended.size() != batch.size()) {
      throw new IllegalStateException(
          "appended " + appended.size() + " of " + batch.size() + " new events");
    }
    return appended;
  }

  private Map<String, Object> properties(Path keyFile, Path exportDir) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("datasources.default.url", database.jdbcUrl());
    properties.put("datasources.default.username", database.role());
    properties.put("datasources.default.password", database.rolePassword());
    properties.put("flyway.datasources.default.user", database.adminUser());
    properties.put("flyway.datasources.default.password", database.adminPassword());
    properties.put("hallmark.audit.key-file", keyFile.toString());
    properties.put("hallmark.audit.export-dir", exportDir.toString());
    properties.put("hallmark.audit.origin", ORIGIN);
    properties.put("hallmark.audit.checkpoint-interval", options.checkpointIntervalSetting());
    // No consumer (it would join the stack's consumer group) and no producer (checkpoint events of
    // a scratch ledger must not reach a real topic): Kafka off, and no relay in the context.
    properties.put("kafka.enabled", "false");
    properties.put("hallmark.topics.provision", "false");
    return properties;
  }

  private long outboxRows() throws SQLException {
    try (Connection connection = database.asOwner();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM audit.outbox")) {
      count.next();
      return count.getLong(1);
    }
  }
}
