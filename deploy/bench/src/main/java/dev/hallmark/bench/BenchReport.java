package dev.hallmark.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one {@code stack bench} run: a table for people and {@code bench/latest.json} for
 * tools. {@code ratio} is the slower pipeline path's throughput over the smaller raw rate, so a
 * ratio near 1 means the pipeline adds nothing to what the registry or HSM costs anyway.
 */
record BenchReport(
    BenchOptions options,
    RawHsmBenchmark.Result rawHsm,
    PhaseResult rawRegistry,
    PhaseResult webhookSaturation,
    PhaseResult webhookPaced,
    PhaseResult ci,
    Map<String, Double> rssMb,
    Map<String, Double> cpuSeconds) {

  private static final ResultJson JSON = new ResultJson(1);

  /** The phases that time items, in the order they ran. */
  List<PhaseResult> timedPhases() {
    return List.of(rawRegistry, webhookSaturation, webhookPaced, ci);
  }

  double smallerRawRate() {
    return Math.min(rawHsm.perSecond(), rawRegistry.perSecond());
  }

  double pipelineRate() {
    return Math.min(webhookSaturation.perSecond(), ci.perSecond());
  }

  double ratio() {
    return smallerRawRate() > 0 ? pipelineRate() / smallerRawRate() : 0;
  }

  boolean complete() {
    return rawRegistry.complete()
        && webhookSaturation.complete()
        && webhookPaced.complete()
        && ci.complete();
  }

  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%n%-40s %7s %7s %8s %9s %8s %8s %8s%n",
        "phase",
        "items",
        "done",
        "seconds",
        "per_s",
        "p50_ms",
        "p95_ms",
        "p99_ms");
    out.printf(
        Locale.ROOT,
        "%-40s %7d %7d %8.2f %9.1f %8s %8s %8s%n",
        "raw HSM, " + rawHsm.algorithm() + ", " + rawHsm.threads() + " thread(s)",
        rawHsm.signatures(),
        rawHsm.signatures(),
        rawHsm.perSecond() > 0 ? rawHsm.signatures() / rawHsm.perSecond() : 0,
        rawHsm.perSecond(),
        "-",
        "-",
        "-");
    for (PhaseResult phase : timedPhases()) {
      LatencySummary l = phase.latency();
      out.printf(
          Locale.ROOT,
          "%-40s %7d %7d %8.2f %9.1f %8.1f %8.1f %8.1f%n",
          phase.name(),
          phase.attempted(),
          phase.completed(),
          phase.seconds(),
          phase.perSecond(),
          l.p50(),
          l.p95(),
          l.p99());
      if (phase.problem() != null) {
        out.println("    problem: " + phase.problem());
      }
    }
    out.printf(
        Locale.ROOT,
        "%npipeline (slower of CI and webhook) %.1f/s; smaller raw rate %.1f/s; ratio %.2f%n",
        pipelineRate(),
        smallerRawRate(),
        ratio());
    out.printf(
        Locale.ROOT,
        "push -> signature at %.1f pushes/s offered: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
        webhookPaced.offeredPerSecond(),
        webhookPaced.latency().p50(),
        webhookPaced.latency().p95(),
        webhookPaced.latency().p99());
    StringBuilder rss = new StringBuilder("peak RSS (MB):");
    rssMb.forEach((name, mb) -> rss.append(String.format(Locale.ROOT, " %s %.0f,", name, mb)));
    rss.append(
        String.format(
            Locale.ROOT,
            " total %.0f",
            rssMb.values().stream().mapToDouble(Double::doubleValue).sum()));
    out.println(rss);
    StringBuilder cpu = new StringBuilder("CPU seconds used during the run:");
    cpuSeconds.forEach((name, s) -> cpu.append(String.format(Locale.ROOT, " %s %.1f,", name, s)));
    out.println(cpu);
  }

  ObjectNode toJson() {
    ObjectNode root = JSON.root();
    root.put("raw_hsm_per_s", JSON.round(rawHsm.perSecond()));
    root.put("raw_registry_per_s", JSON.round(rawRegistry.perSecond()));
    root.put("pipeline_ci_per_s", JSON.round(ci.perSecond()));
    root.put("pipeline_webhook_per_s", JSON.round(webhookSaturation.perSecond()));
    root.put("ratio", ResultJson.ratio(ratio()));
    root.set("latency_ms", JSON.latency(webhookPaced.latency()));
    root.put("latency_offered_per_s", JSON.round(webhookPaced.offeredPerSecond()));
    ObjectNode rss = root.putObject("rss_mb");
    rssMb.forEach(rss::put);
    ObjectNode cpu = root.putObject("cpu_s");
    cpuSeconds.forEach(cpu::put);
    root.put("complete", complete());
    ObjectNode settings = root.putObject("options");
    settings.put("images", options.images());
    settings.put("concurrency", options.concurrency());
    settings.put("rate", options.rate());
    settings.put("hsm_seconds", options.hsmSeconds());
    settings.put("hsm_threads", options.hsmThreads());
    ArrayNode phases = root.putArray("phases");
    for (PhaseResult phase : timedPhases()) {
      ObjectNode node = phases.addObject();
      node.put("name", phase.name());
      node.put("attempted", phase.attempted());
      node.put("completed", phase.completed());
      node.put("seconds", JSON.round(phase.seconds()));
      node.put("per_s", JSON.round(phase.perSecond()));
      node.put("offered_per_s", JSON.round(phase.offeredPerSecond()));
      node.set("latency_ms", JSON.latency(phase.latency()));
      node.put("problem", phase.problem());
    }
    return root;
  }

  /** Writes {@code latest.json} and a copy named after the time, in {@code dir}. */
  Path write(Path dir) throws IOException {
    return ResultJson.write(dir, "latest.json", "bench-", toJson());
  }
}
