package dev.hallmark.bench;

import dev.hallmark.oci.RepositoryRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The CI path: {@code POST /api/v1/signing-requests} for images already in the registry, each
 * followed until {@code GET /api/v1/signing-requests/{id}} answers {@code COMPLETED}. The images
 * live under {@code <registry>/builds/}, which the demo policy {@code builds} signs on request
 * only, so that their pushes start nothing. To keep status polling from loading intake, a client
 * asks for the status once the request's signature is announced on the publications topic, and then
 * every 5 ms until it reads COMPLETED.
 */
final class CiPathBenchmark {
  static final String POLICY = "builds";
  private static final Duration STATUS_POLL = Duration.ofMillis(5);

  private final TinyImages images;
  private final PublicationWatcher watcher;
  private final StackTarget stack;
  private final IntakeRequests intake;
  private final int threads;
  private final Duration timeout;

  CiPathBenchmark(
      TinyImages images,
      PublicationWatcher watcher,
      StackTarget stack,
      int threads,
      Duration timeout) {
    this.images = images;
    this.watcher = watcher;
    this.stack = stack;
    this.intake = new IntakeRequests(stack);
    this.threads = threads;
    this.timeout = timeout;
  }

  PhaseResult run(String name, String repository, int count) throws InterruptedException {
    RepositoryRef target = new RepositoryRef(stack.registry(), repository);
    String[] digests = new String[count];
    try {
      Workers.closedLoop(count, threads, i -> digests[i] = images.push(target, "ci-" + i));
    } catch (ExecutionException e) {
      return new PhaseResult(
          name, count, 0, 0, 0, LatencySummary.ofNanos(List.of()), "push failed: " + e.getCause());
    }
    // The pushes' webhooks reach intake too (and are ignored); let them drain before timing.
    TimeUnit.SECONDS.sleep(2);
    TimedRequests timed =
        TimedRequests.closedLoop(count, threads, i -> signAndAwait(target, digests[i]));
    return new PhaseResult(
        name, count, timed.completed(), timed.seconds(), 0, timed.latency(), timed.problem());
  }

  /**
   * @return null when the request ended COMPLETED, else why not
   */
  private String signAndAwait(RepositoryRef target, String digest) {
    String body =
        "{\"project\":\""
            + stack.project()
            + "\",\"signingPolicy\":\""
            + POLICY
            + "\",\"artifacts\":[{\"repository\":\""
            + target
            + "\",\"digest\":\""
            + digest
            + "\"}]}";
    try {
      UUID id = intake.submit(body);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (watcher.requestPublishedAt(id) == null && watcher.failure(digest) == null) {
        if (System.nanoTime() > deadline) {
          return "request " + id + " not published within " + timeout;
        }
        TimeUnit.MILLISECONDS.sleep(2);
      }
      return intake.awaitOutcome(id, STATUS_POLL, deadline).problem("request " + id, timeout);
    } catch (IntakeRequests.Refused e) {
      return "POST " + e.getMessage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
