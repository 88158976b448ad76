package dev.hallmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.oci.RepositoryRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATUS_POLL = Duration.ofMillis(5);

  private final TinyImages images;
  private final PublicationWatcher watcher;
  private final StackTarget stack;
  private final int threads;
  private final Duration timeout;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  CiPathBenchmark(
      TinyImages images,
      PublicationWatcher watcher,
      StackTarget stack,
      int threads,
      Duration timeout) {
    this.images = images;
    this.watcher = watcher;
    this.stack = stack;
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
    Queue<Long> latencies = new ConcurrentLinkedQueue<>();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    try {
      Workers.closedLoop(
          count,
          threads,
          i -> {
            long begun = System.nanoTime();
            String outcome = signAndAwait(target, digests[i]);
            if (outcome == null) {
              latencies.add(System.nanoTime() - begun);
            } else {
              problems.add(outcome);
            }
          });
    } catch (ExecutionException e) {
      problems.add("client failed: " + e.getCause());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String problem =
        problems.isEmpty() ? null : problems.size() + " request(s) failed, e.g. " + problems.peek();
    return new PhaseResult(
        name, count, latencies.size(), seconds, 0, LatencySummary.ofNanos(latencies), problem);
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
      HttpResponse<String> submitted =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/signing-requests"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + stack.ciToken())
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (submitted.statusCode() != 202) {
        return "POST answered " + submitted.statusCode() + ": " + submitted.body();
      }
      UUID id = UUID.fromString(JSON.readTree(submitted.body()).path("id").asText());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (watcher.requestPublishedAt(id) == null && watcher.failure(digest) == null) {
        if (System.nanoTime() > deadline) {
          return "request " + id + " not published within " + timeout;
        }
        TimeUnit.MILLISECONDS.sleep(2);
      }
      return awaitCompleted(id, deadline);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String awaitCompleted(UUID id, long deadline) throws IOException, InterruptedException {
    HttpRequest status =
        HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/signing-requests/" + id))
            .header("Authorization", "Bearer " + stack.ciToken())
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    while (true) {
      JsonNode view = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
      String current = view.path("status").asText();
      if (current.equals("COMPLETED")) {
        return null;
      }
      if (current.equals("FAILED") || current.equals("DENIED")) {
        return "request " + id + " ended " + current + ": " + view.path("reason").asText();
      }
      if (System.nanoTime() > deadline) {
        return "request " + id + " still " + current + " after " + timeout;
      }
      TimeUnit.MILLISECONDS.sleep(STATUS_POLL.toMillis());
    }
  }
}
