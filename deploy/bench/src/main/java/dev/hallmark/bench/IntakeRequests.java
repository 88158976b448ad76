package dev.hallmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A CI client of intake, as the CI path and the Hallmark Notary phase both use it: {@code POST
 * /api/v1/signing-requests} with the stack's CI token, then {@code GET
 * /api/v1/signing-requests/{id}} until the request ends. The callers word their own problems, so
 * that each names what it asked for (an image, a tag).
 */
final class IntakeRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackTarget stack;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  IntakeRequests(StackTarget stack) {
    this.stack = stack;
  }

  /**
   * @param body the signing request, JSON
   * @return the id intake gave the request
   * @throws Refused when intake answers other than 202 Accepted
   * @throws IllegalArgumentException when its answer holds no request id
   */
  UUID submit(String body) throws IOException, InterruptedException, Refused {
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
      throw new Refused(submitted.statusCode(), submitted.body());
    }
    return UUID.fromString(JSON.readTree(submitted.body()).path("id").asText());
  }

  /**
   * Reads the request's status every {@code poll} until it ends or {@code deadline} ({@link
   * System#nanoTime}) has passed.
   */
  Outcome awaitOutcome(UUID id, Duration poll, long deadline)
      throws IOException, InterruptedException {
    HttpRequest status =
        HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/signing-requests/" + id))
            .header("Authorization", "Bearer " + stack.ciToken())
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    while (true) {
      JsonNode view = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
      Outcome outcome = new Outcome(view.path("status").asText(), view.path("reason").asText());
      if (outcome.ended() || System.nanoTime() > deadline) {
        return outcome;
      }
      TimeUnit.MILLISECONDS.sleep(poll.toMillis());
    }
  }

  /** Where a request stood when the client stopped reading its status. */
  record Outcome(String status, String reason) {
    boolean completed() {
      return status.equals("COMPLETED");
    }

    boolean ended() {
      return completed() || status.equals("FAILED") || status.equals("DENIED");
    }

    /**
     * @param request how the problem names the request
     * @param timeout what the caller allowed it, for a request that had not ended
     * @return null when the request ended COMPLETED, else why not
     */
    String problem(String request, Duration timeout) {
      if (completed()) {
        return null;
      }
      return ended()
          ? request + " ended " + status + ": " + reason
          : request + " still " + status + " after " + timeout;
    }
  }

  /** Intake did not accept the request; the message reads "answered 400: ...". */
  static final class Refused extends Exception {
    Refused(int statusCode, String body) {
      super("answered " + statusCode + ": " + body);
    }
  }
}
