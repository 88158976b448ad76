package dev.hallmark.auditbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code deploy/local/stack bench-audit} ({@link AppendBenchmark}). The database is
 * the one the local stack's {@code stack.env} names; the script passes it. The password comes from
 * {@code HALLMARK_DB_PASSWORD}, never from the command line.
 */
record AppendBenchOptions(
    String jdbcUrl,
    String user,
    int entries,
    int batch,
    int warmup,
    Duration checkpointInterval,
    Path resultsDir) {

  static final String USAGE =
      """
      usage: stack bench-audit [--entries N] [--batch B] [--warmup W] [--checkpoint-interval D]
                               [--results-dir DIR] [--jdbc URL] [--user USER]
        --entries N              entries appended and timed in each of the two phases (default 60000)
        --batch B                entries per append, as one polled Kafka batch (default 100)
        --warmup W               entries appended first and not timed, in each phase (default 5000)
        --checkpoint-interval D  how often audit-service's scheduler signs a checkpoint while the
                                 ledger grows: 10s, 500ms, 1m (default 10s, as in production)
        --results-dir DIR        where audit-latest.json is written (the script: .local-stack/bench)
        --jdbc URL, --user USER  a database owner of the PostgreSQL to measure (the script: the
                                 stack's); the password is read from HALLMARK_DB_PASSWORD
      The benchmark creates a scratch database and a login role of its own and drops both at the end.""";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  static AppendBenchOptions defaults() {
    return new AppendBenchOptions(
        null, null, 60_000, 100, 5_000, Duration.ofSeconds(10), Path.of(".local-stack", "bench"));
  }

  /**
   * @throws IllegalArgumentException naming the option that is unknown, lacks a value or is out of
   *     range
   */
  static AppendBenchOptions parse(List<String> args) {
    AppendBenchOptions options = defaults();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options = options.with(name, args.get(i + 1));
    }
    if (options.jdbcUrl == null || !options.jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("--jdbc must be a jdbc:postgresql:// URL");
    }
    if (options.user == null || options.user.isBlank()) {
      throw new IllegalArgumentException("--user is required");
    }
    return options;
  }

  private AppendBenchOptions with(String name, String value) {
    return switch (name) {
      case "--entries" ->
          new AppendBenchOptions(
              jdbcUrl,
              user,
              positive(name, value, 10_000_000),
              batch,
              warmup,
              checkpointInterval,
              resultsDir);
      case "--batch" ->
          new AppendBenchOptions(
              jdbcUrl,
              user,
              entries,
              positive(name, value, 5_000),
              warmup,
              checkpointInterval,
              resultsDir);
      case "--warmup" ->
          new AppendBenchOptions(
              jdbcUrl,
              user,
              entries,
              batch,
              nonNegative(name, value, 1_000_000),
              checkpointInterval,
              resultsDir);
      case "--checkpoint-interval" ->
          new AppendBenchOptions(
              jdbcUrl, user, entries, batch, warmup, duration(name, value), resultsDir);
      case "--results-dir" ->
          new AppendBenchOptions(
              jdbcUrl, user, entries, batch, warmup, checkpointInterval, Path.of(value));
      case "--jdbc" ->
          new AppendBenchOptions(
              value, user, entries, batch, warmup, checkpointInterval, resultsDir);
      case "--user" ->
          new AppendBenchOptions(
              jdbcUrl, value, entries, batch, warmup, checkpointInterval, resultsDir);
      default -> throw new IllegalArgumentException("unknown option " + name);
    };
  }

  private static int positive(String name, String value, int max) {
    return integer(name, value, 1, max);
  }

  private static int nonNegative(String name, String value, int max) {
    return integer(name, value, 0, max);
  }

  private static int integer(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "%s must be an integer from %d to %d", name, min, max));
  }

  /** {@code 500ms}, {@code 10s}, {@code 1m}: the scheduler needs at least 100 ms. */
  private static Duration duration(String name, String value) {
    Matcher matcher = DURATION.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration parsed =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
          };
      if (parsed.toMillis() >= 100 && parsed.compareTo(Duration.ofHours(1)) <= 0) {
        return parsed;
      }
    }
    throw new IllegalArgumentException(
        name + " must be a duration from 100ms to 60m, such as 500ms, 10s or 1m");
  }

  /** The interval as Micronaut reads it ({@code hallmark.audit.checkpoint-interval}). */
  String checkpointIntervalSetting() {
    return checkpointInterval.toMillis() + "ms";
  }
}
