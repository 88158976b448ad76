package dev.hallmark.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one {@code stack bench-notary} run: a table for people and {@code
 * bench/notary-latest.json} for tools. {@code ratio} is Hallmark's throughput over the notary
 * client's with one publish per tag, the client's way that, like Hallmark, makes one trust data
 * version per tag: above 1, Hallmark publishes faster.
 *
 * @param run the run's id, part of every tag it published
 * @param gun the repository, {@code <registry>/demo/app}
 * @param digest the image every tag points at
 * @param size its manifest's size in bytes, as the registry serves it
 */
record NotaryBenchReport(
    NotaryBenchOptions options,
    String run,
    String gun,
    String digest,
    long size,
    NotaryPhaseResult hallmark,
    NotaryPhaseResult cliPerTag,
    NotaryPhaseResult cliBatched) {

  /** Two decimals: a few tags per second would lose too much at BenchReport's one. */
  private static final ResultJson JSON = new ResultJson(2);

  /** The phases in the order they ran. */
  List<NotaryPhaseResult> phases() {
    return List.of(hallmark, cliPerTag, cliBatched);
  }

  double ratio() {
    return cliPerTag.perSecond() > 0 ? hallmark.perSecond() / cliPerTag.perSecond() : 0;
  }

  boolean complete() {
    return phases().stream().allMatch(NotaryPhaseResult::complete);
  }

  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%n%-40s %6s %9s %6s %8s %10s %10s%n",
        "phase",
        "tags",
        "published",
        "listed",
        "seconds",
        "tags_per_s",
        "ms_per_tag");
    for (NotaryPhaseResult phase : phases()) {
      out.printf(
          Locale.ROOT,
          "%-40s %6d %9d %6d %8.2f %10.2f %10.1f%n",
          phase.name(),
          phase.tags(),
          phase.published(),
          phase.listed(),
          phase.seconds(),
          phase.perSecond(),
          phase.millisPerTag());
      if (phase.problem() != null) {
        out.println("    problem: " + phase.problem());
      }
    }
    out.printf(
        Locale.ROOT,
        "%nHallmark %.2f tags/s, notary CLI with one publish per tag %.2f tags/s: ratio %.2f"
            + " (above 1, Hallmark is faster)%n",
        hallmark.perSecond(),
        cliPerTag.perSecond(),
        ratio());
    out.printf(
        Locale.ROOT,
        "per tag: Hallmark POST -> COMPLETED p50 %.1f ms, p95 %.1f ms;"
            + " notary addhash + publish p50 %.1f ms, p95 %.1f ms%n",
        hallmark.latency().p50(),
        hallmark.latency().p95(),
        cliPerTag.latency().p50(),
        cliPerTag.latency().p95());
  }

  ObjectNode toJson() {
    ObjectNode root = JSON.root();
    root.put("run", run);
    root.put("gun", gun);
    root.put("digest", digest);
    root.put("size", size);
    root.put("hallmark_per_s", JSON.round(hallmark.perSecond()));
    root.put("cli_per_tag_per_s", JSON.round(cliPerTag.perSecond()));
    root.put("cli_batched_per_s", JSON.round(cliBatched.perSecond()));
    root.put("hallmark_ms_per_tag", JSON.round(hallmark.millisPerTag()));
    root.put("cli_per_tag_ms_per_tag", JSON.round(cliPerTag.millisPerTag()));
    root.put("cli_batched_ms_per_tag", JSON.round(cliBatched.millisPerTag()));
    root.put("ratio", ResultJson.ratio(ratio()));
    root.put("complete", complete());
    ObjectNode settings = root.putObject("options");
    settings.put("tags", options.tags());
    settings.put("concurrency", options.concurrency());
    settings.put("timeout_seconds", options.timeoutSeconds());
    ArrayNode phases = root.putArray("phases");
    for (NotaryPhaseResult phase : phases()) {
      ObjectNode node = phases.addObject();
      node.put("name", phase.name());
      node.put("role", phase.role());
      node.put("tags", phase.tags());
      node.put("published", phase.published());
      node.put("listed", phase.listed());
      node.put("seconds", JSON.round(phase.seconds()));
      node.put("per_s", JSON.round(phase.perSecond()));
      node.put("ms_per_tag", JSON.round(phase.millisPerTag()));
      node.set("latency_ms", JSON.latency(phase.latency()));
      node.put("problem", phase.problem());
    }
    return root;
  }

  /**
   * Writes {@code notary-latest.json} and a copy named after the time, in {@code dir}; beside
   * {@code stack bench}'s files, which it leaves alone.
   */
  Path write(Path dir) throws IOException {
    return ResultJson.write(dir, "notary-latest.json", "notary-", toJson());
  }
}
