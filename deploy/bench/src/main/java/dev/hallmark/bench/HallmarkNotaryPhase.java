package dev.hallmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.deploy.local.NotaryCli;
import java.io.IOException;
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
 * Hallmark publishing Docker Content Trust tags: one CI request per tag, {@code POST
 * /api/v1/signing-requests} with method {@code notary} only, followed by {@code GET
 * /api/v1/signing-requests/{id}} until it answers COMPLETED (published into {@code
 * targets/releases}, signed by the HSM key) or FAILED. Every request is for the same image, so that
 * the phase times trust data, not registry traffic.
 */
final class HallmarkNotaryPhase {
  /** The demo policy that covers {@code <registry>/demo/app} with cosign and Notary. */
  static final String POLICY = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Without the publications topic to say when to look (as {@link CiPathBenchmark} has), a client
   * polls; 10 ms bounds what polling adds to a request at a few percent of a publication.
   */
  private static final Duration STATUS_POLL = Duration.ofMillis(10);

  private final StackTarget stack;
  private final int threads;
  private final Duration timeout;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HallmarkNotaryPhase(StackTarget stack, int threads, Duration timeout) {
    this.stack = stack;
    this.threads = threads;
    this.timeout = timeout;
  }

  /**
   * @param repository {@code <registry>/demo/app}, the Notary GUN
   * @param digest the image every tag points at
   */
  NotaryPhaseResult run(String name, String repository, String digest, List<String> tags)
      throws InterruptedException {
    Queue<Long> latencies = new ConcurrentLinkedQueue<>();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try {
      Workers.closedLoop(
          tags.size(),
          threads,
          i -> {
            long begun = System.nanoTime();
            String outcome = publish(repository, digest, tags.get(i), deadline);
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
    return new NotaryPhaseResult(
        name,
        NotaryCli.RELEASES_ROLE,
        tags.size(),
        latencies.size(),
        0,
        seconds,
        LatencySummary.ofNanos(latencies),
        problem);
  }

  /**
   * @return null when the request ended COMPLETED, else why not
   */
  private String publish(String repository, String digest, String tag, long deadline) {
    if (System.nanoTime() > deadline) {
      return tag + " not requested: the phase ran out of its " + timeout;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("project", stack.project());
    body.put("signingPolicy", POLICY);
    body.putArray("methods").add("notary");
    ObjectNode artifact = body.putArray("artifacts").addObject();
    artifact.put("repository", repository);
    artifact.put("digest", digest);
    artifact.putArray("tags").add(tag);
    try {
      HttpResponse<String> submitted =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/signing-requests"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + stack.ciToken())
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (submitted.statusCode() != 202) {
        return "POST for " + tag + " answered " + submitted.statusCode() + ": " + submitted.body();
      }
      UUID id = UUID.fromString(JSON.readTree(submitted.body()).path("id").asText());
      return awaitOutcome(id, tag, deadline);
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: an answer without a request id.
      return "request for " + tag + " failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String awaitOutcome(UUID id, String tag, long deadline)
      throws IOException, InterruptedException {
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
        return "request "
            + id
            + " ("
            + tag
            + ") ended "
            + current
            + ": "
            + view.path("reason").asText();
      }
      if (System.nanoTime() > deadline) {
        return "request " + id + " (" + tag + ") still " + current + " after " + timeout;
      }
      TimeUnit.MILLISECONDS.sleep(STATUS_POLL.toMillis());
    }
  }
}
