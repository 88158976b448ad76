package dev.hallmark.bench;

import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RepositoryRef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * {@code deploy/local/stack bench [options]}: measures, in one run against the running local stack,
 * the raw HSM and registry rates and the pipeline's CI and webhook paths, and prints them side by
 * side (see {@link BenchOptions#USAGE}). Results also go to {@code .local-stack/bench/latest.json}.
 * Every phase uses fresh repositories, so runs do not disturb one another or the demo.
 */
public final class BenchCommand {
  private BenchCommand() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("stack bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
      return 2;
    }
    try {
      BenchReport report = measure(StackTarget.running(), options, out);
      report.print(out);
      Path written = report.write(StackTarget.running().layout().root().resolve("bench"));
      out.println("results: " + written);
      return report.complete() ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("stack bench: interrupted");
      return 1;
    } catch (Exception e) {
      err.println("stack bench failed: " + e);
      return 1;
    }
  }

  private static BenchReport measure(StackTarget stack, BenchOptions options, PrintStream out)
      throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    Duration timeout = Duration.ofSeconds(options.timeoutSeconds());
    RegistryClient registry = RegistryClient.builder().build();
    TinyImages images = new TinyImages(registry);
    out.printf(
        Locale.ROOT,
        "bench %s: %d images per phase, concurrency %d, registry %s%n",
        run,
        options.images(),
        options.concurrency(),
        stack.registry());
    try (RssSampler rss = new RssSampler(stack.processes());
        PublicationWatcher watcher = new PublicationWatcher(stack.kafkaBootstrap())) {
      out.println("1/5 raw HSM: signer-service's PKCS#11 backend alone");
      RawHsmBenchmark.Result hsm =
          RawHsmBenchmark.run(stack, options.hsmSeconds(), options.hsmThreads());
      out.println("2/5 raw registry: cosign signature publications by a direct OCI client");
      PhaseResult rawRegistry =
          rawRegistry(
              new RawRegistryBenchmark(
                  registry, new RepositoryRef(stack.registry(), "bench/raw-" + run)),
              options);
      WebhookPathBenchmark webhook =
          new WebhookPathBenchmark(
              images, watcher, stack.registry(), options.concurrency(), timeout);
      out.println("3/5 webhook path at saturation: pushes as fast as the clients go");
      PhaseResult saturation =
          webhook.run(
              "pipeline webhook, saturation", "demo/bench-" + run + "-sat", options.images(), 0);
      double rate = options.rate() > 0 ? options.rate() : Math.max(1, saturation.perSecond() / 2);
      out.printf(Locale.ROOT, "4/5 webhook path at a fixed %.1f pushes/s%n", rate);
      PhaseResult paced =
          webhook.run(
              String.format(Locale.ROOT, "pipeline webhook, %.1f/s offered", rate),
              "demo/bench-" + run + "-paced",
              options.images(),
              rate);
      out.println("5/5 CI path: POST /api/v1/signing-requests until COMPLETED");
      PhaseResult ci =
          new CiPathBenchmark(images, watcher, stack, options.concurrency(), timeout)
              .run("pipeline CI, POST -> COMPLETED", "builds/bench-" + run, options.images());
      rss.close();
      return new BenchReport(
          options, hsm, rawRegistry, saturation, paced, ci, rss.peakMb(), rss.cpuSeconds());
    }
  }

  private static PhaseResult rawRegistry(RawRegistryBenchmark raw, BenchOptions options)
      throws InterruptedException {
    java.util.Queue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    String problem = null;
    try {
      Workers.closedLoop(
          options.images(),
          options.concurrency(),
          i -> {
            long begun = System.nanoTime();
            raw.publishOne();
            latencies.add(System.nanoTime() - begun);
          });
    } catch (ExecutionException e) {
      problem = "publication failed: " + e.getCause();
    }
    return new PhaseResult(
        "raw registry, cosign publications",
        options.images(),
        latencies.size(),
        (System.nanoTime() - start) / 1e9,
        0,
        LatencySummary.ofNanos(latencies),
        problem);
  }
}
