package dev.hallmark.auditbench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hallmark.bench.LatencySummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one {@code stack bench-audit} run: a table for people and {@code
 * audit-latest.json} (plus a copy named after the time) for tools. {@code ratio} is the ledger's
 * append rate over the plain INSERT rate: what the ledger's guarantees cost per entry. {@code
 * loadAverages} are the machine's one-minute load averages at the start, between the phases and at
 * the end: on a shared machine they say how much CPU the two phases got.
 */
record AppendBenchReport(
    AppendBenchOptions options,
    String postgres,
    LedgerAppendPhase.Outcome ledger,
    PhaseResult plain,
    double[] loadAverages) {

  static final String LATEST = "audit-latest.json";

  double ratio() {
    return plain.perSecond() > 0 ? ledger.result().perSecond() / plain.perSecond() : 0;
  }

  LatencySummary checkpointLatency() {
    return LatencySummary.ofNanos(
        ledger.checkpoints().stream().mapToLong(CheckpointTimings.Made::nanos).toArray());
  }

  boolean verified() {
    return ledger.verification().valid()
        && ledger.verification().treeSize() == (long) options.warmup() + options.entries();
  }

  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%n%-40s %8s %8s %9s %8s %8s %8s %8s%n",
        "phase",
        "entries",
        "seconds",
        "per_s",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "max_ms");
    for (PhaseResult phase : List.of(ledger.result(), plain)) {
      LatencySummary l = phase.batchLatency();
      out.printf(
          Locale.ROOT,
          "%-40s %8d %8.2f %9.1f %8.2f %8.2f %8.2f %8.2f%n",
          phase.name(),
          phase.entries(),
          phase.seconds(),
          phase.perSecond(),
          l.p50(),
          l.p95(),
          l.p99(),
          l.max());
    }
    LatencySummary c = checkpointLatency();
    out.printf(
        Locale.ROOT,
        "%nratio ledger / plain INSERT: %.3f (batch %d, leaf %.0f bytes on average, PostgreSQL %s)%n",
        ratio(),
        options.batch(),
        ledger.averageLeafBytes(),
        postgres);
    out.printf(
        Locale.ROOT,
        "checkpoints signed while appending: %d (every %d ms); took p50 %.1f ms, p95 %.1f ms,"
            + " max %.1f ms%n",
        c.count(),
        options.checkpointInterval().toMillis(),
        c.p50(),
        c.p95(),
        c.max());
    out.printf(
        Locale.ROOT,
        "verified: %s (tree size %d); outbox rows left (no relay; an AuditRecord per entry and the checkpoint events): %d%n",
        verified() ? "valid" : "NOT VALID " + ledger.verification().problems(),
        ledger.verification().treeSize(),
        ledger.outboxRows());
    out.printf(
        Locale.ROOT,
        "load average (1 min) at start, between the phases, at the end: %s on %d CPUs%n",
        Arrays.toString(loadAverages),
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * Writes {@value #LATEST} and a copy named after the time into {@code dir}.
   *
   * @return the latest file
   */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path copy = dir.resolve("audit-" + Instant.now().toString().replace(':', '-') + ".json");
    try (JsonGenerator json = new JsonFactory().createGenerator(copy.toFile(), JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("time", Instant.now().toString());
      json.writeNumberField("entries", options.entries());
      json.writeNumberField("batch", options.batch());
      json.writeNumberField("warmup", options.warmup());
      json.writeNumberField("checkpoint_interval_ms", options.checkpointInterval().toMillis());
      json.writeStringField("postgres", postgres);
      json.writeNumberField("leaf_bytes_avg", round(ledger.averageLeafBytes()));
      phase(json, "ledger", ledger.result());
      phase(json, "plain_insert", plain);
      json.writeNumberField("ratio", Math.round(ratio() * 1000) / 1000.0);
      json.writeObjectFieldStart("checkpoints");
      json.writeNumberField("count", ledger.checkpoints().size());
      latency(json, "ms", checkpointLatency());
      json.writeEndObject();
      json.writeBooleanField("verified", verified());
      json.writeNumberField("tree_size", ledger.verification().treeSize());
      json.writeNumberField("outbox_rows_left", ledger.outboxRows());
      json.writeNumberField("cpus", Runtime.getRuntime().availableProcessors());
      json.writeArrayFieldStart("load_average_1m");
      for (double load : loadAverages) {
        json.writeNumber(round(load));
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    Path latest = dir.resolve(LATEST);
    Files.copy(copy, latest, StandardCopyOption.REPLACE_EXISTING);
    return latest;
  }

  private static void phase(JsonGenerator json, String name, PhaseResult phase) throws IOException {
    json.writeObjectFieldStart(name);
    json.writeNumberField("per_s", round(phase.perSecond()));
    json.writeNumberField("seconds", Math.round(phase.seconds() * 1000) / 1000.0);
    latency(json, "batch_ms", phase.batchLatency());
    json.writeEndObject();
  }

  private static void latency(JsonGenerator json, String name, LatencySummary latencies)
      throws IOException {
    json.writeObjectFieldStart(name);
    json.writeNumberField("count", latencies.count());
    json.writeNumberField("p50", round(latencies.p50()));
    json.writeNumberField("p95", round(latencies.p95()));
    json.writeNumberField("p99", round(latencies.p99()));
    json.writeNumberField("max", round(latencies.max()));
    json.writeEndObject();
  }

  /** Two decimals; 0 for NaN (no values), which JSON cannot hold. */
  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : 0;
  }
}
