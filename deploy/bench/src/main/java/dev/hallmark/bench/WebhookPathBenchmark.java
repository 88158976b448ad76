package dev.hallmark.bench;

import dev.hallmark.oci.RepositoryRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The webhook path: images pushed to {@code <registry>/demo/bench-...}, which the demo policy
 * {@code cosign} signs on push (cosign only: Notary trust data exists for {@code demo/app} alone);
 * each image's latency runs from the end of its push (the manifest put answered) to the
 * announcement of its signature (see {@link PublicationWatcher}).
 */
final class WebhookPathBenchmark {
  private final TinyImages images;
  private final PublicationWatcher watcher;
  private final String registry;
  private final int threads;
  private final Duration timeout;

  WebhookPathBenchmark(
      TinyImages images,
      PublicationWatcher watcher,
      String registry,
      int threads,
      Duration timeout) {
    this.images = images;
    this.watcher = watcher;
    this.registry = registry;
    this.threads = threads;
    this.timeout = timeout;
  }

  /**
   * @param rate offered pushes per second, or 0 to push as fast as {@code threads} allow
   */
  PhaseResult run(String name, String repository, int count, double rate)
      throws InterruptedException {
    RepositoryRef target = new RepositoryRef(registry, repository);
    String[] digests = new String[count];
    long[] pushedAt = new long[count];
    long start = System.nanoTime();
    try {
      if (rate > 0) {
        Workers.paced(count, threads, rate, i -> push(target, i, digests, pushedAt));
      } else {
        Workers.closedLoop(count, threads, i -> push(target, i, digests, pushedAt));
      }
    } catch (ExecutionException e) {
      return failed(name, count, rate, start, "push failed: " + e.getCause());
    }
    List<String> pushed = Arrays.asList(digests);
    long missing = watcher.awaitDigests(pushed, timeout);
    List<Long> latencies = new ArrayList<>();
    long end = start;
    int failed = 0;
    String firstFailure = null;
    for (int i = 0; i < count; i++) {
      Long published = watcher.publishedAt(digests[i]);
      if (published != null) {
        latencies.add(published - pushedAt[i]);
        end = Math.max(end, published);
      } else if (watcher.failure(digests[i]) != null) {
        failed++;
        firstFailure = firstFailure == null ? watcher.failure(digests[i]) : firstFailure;
      }
    }
    String problem = null;
    if (missing > 0 || failed > 0) {
      problem =
          (missing > 0 ? missing + " signature(s) not announced within " + timeout + "; " : "")
              + (failed > 0 ? failed + " publication(s) failed, e.g. " + firstFailure : "");
    }
    return new PhaseResult(
        name,
        count,
        latencies.size(),
        (end - start) / 1e9,
        rate,
        LatencySummary.ofNanos(latencies),
        problem);
  }

  private void push(RepositoryRef target, int index, String[] digests, long[] pushedAt) {
    digests[index] = images.push(target, "bench-" + index);
    pushedAt[index] = System.nanoTime();
  }

  private static PhaseResult failed(
      String name, int count, double rate, long start, String problem) {
    return new PhaseResult(
        name,
        count,
        0,
        (System.nanoTime() - start) / 1e9,
        rate,
        LatencySummary.ofNanos(List.of()),
        problem);
  }
}
