package dev.hallmark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
  private final IntakeRequests intake;
  private final int threads;
  private final Duration timeout;

  HallmarkNotaryPhase(StackTarget stack, int threads, Duration timeout) {
    this.stack = stack;
    this.intake = new IntakeRequests(stack);
    this.threads = threads;
    this.timeout = timeout;
  }

  /**
   * @param repository {@code <registry>/demo/app}, the Notary GUN
   * @param digest the image every tag points at
   */
  NotaryPhaseResult run(String name, String repository, String digest, List<String> tags)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    TimedRequests timed =
        TimedRequests.closedLoop(
            tags.size(), threads, i -> publish(repository, digest, tags.get(i), deadline));
    return new NotaryPhaseResult(
        name,
        NotaryCli.RELEASES_ROLE,
        tags.size(),
        timed.completed(),
        0,
        timed.seconds(),
        timed.latency(),
        timed.problem());
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
      UUID id = intake.submit(JSON.writeValueAsString(body));
      return intake
          .awaitOutcome(id, STATUS_POLL, deadline)
          .problem("request " + id + " (" + tag + ")", timeout);
    } catch (IntakeRequests.Refused e) {
      return "POST for " + tag + " " + e.getMessage();
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: an answer without a request id.
      return "request for " + tag + " failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
