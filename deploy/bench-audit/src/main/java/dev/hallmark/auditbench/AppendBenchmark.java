package dev.hallmark.auditbench;

import dev.hallmark.schemas.auth.DecisionKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy/local/stack bench-audit}: the sustained append rate of the audit ledger through
 * audit-service's production path ({@link LedgerAppendPhase}: {@code LedgerAppender} with the
 * checkpoint scheduler on, real Ed25519 key, consistency checks and export), next to a plain INSERT
 * loop of the same rows into a table of the same shape ({@link PlainInsertPhase}), in one run, on a
 * scratch database of the given PostgreSQL server that is dropped at the end.
 *
 * <p>It lives in deploy/bench-audit, a module that depends on audit-service (never the other way
 * round), so the service's jar carries no benchmark code. Exit codes: 0 measured and the ledger
 * verified, 1 failed or the ledger did not verify, 2 bad options.
 */
public final class AppendBenchmark {
  private AppendBenchmark() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    AppendBenchOptions options;
    try {
      options = AppendBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("stack bench-audit: " + e.getMessage() + "\n" + AppendBenchOptions.USAGE);
      return 2;
    }
    Path work = null;
    try (ScratchDatabase database =
        ScratchDatabase.create(
            options.jdbcUrl(), options.user(), env.getOrDefault("HALLMARK_DB_PASSWORD", ""))) {
      out.println("bench-audit: scratch database " + database.name() + " (dropped at the end)");
      work = Files.createTempDirectory("hallmark-audit-bench-");
      double loadAtStart = loadAverage();
      LedgerAppendPhase.Outcome ledger =
          new LedgerAppendPhase(database, options, out)
              .run(auditKey(work), Files.createDirectory(work.resolve("export")));
      double loadBetween = loadAverage();
      PhaseResult plain = new PlainInsertPhase(database, options, out).run();
      AppendBenchReport report =
          new AppendBenchReport(
              options,
              postgres(database),
              ledger,
              plain,
              new double[] {loadAtStart, loadBetween, loadAverage()});
      report.print(out);
      out.println("results: " + report.write(options.resultsDir()));
      return report.verified() ? 0 : 1;
    } catch (SQLException | IOException | RuntimeException e) {
      err.println("stack bench-audit failed: " + e);
      return 1;
    } finally {
      deleteQuietly(work);
    }
  }

  /** The run's key and export directory go with the scratch database. */
  private static void deleteQuietly(Path work) {
    if (work == null) {
      return;
    }
    try (var paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + work + ": " + e.getMessage());
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** A fresh Ed25519 key for the run's checkpoints, as {@code openssl genpkey} would write it. */
  private static Path auditKey(Path work) throws IOException {
    Path file = work.resolve("audit-key.pem");
    Files.writeString(file, DecisionKeys.pem(DecisionKeys.generate().getPrivate()));
    return file;
  }

  private static String postgres(ScratchDatabase database) throws SQLException {
    try (Connection connection = database.asOwner();
        Statement statement = connection.createStatement();
        ResultSet version = statement.executeQuery("SHOW server_version")) {
      version.next();
      return version.getString(1);
    }
  }
}
