package dev.hallmark.notary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Notary server's HTTP API as the notary client uses it ({@code storage/httpstore.go}): {@code
 * GET /v2/<gun>/_trust/tuf/<role>.json} for each role, and {@code POST /v2/<gun>/_trust/tuf/} with
 * one multipart part (form field {@code files}, file name = role) per updated role. Failures to
 * reach the server are retried a bounded number of times; what the server refuses is not.
 */
public final class NotaryServerClient {
  private static final Logger LOG = LoggerFactory.getLogger(NotaryServerClient.class);
  private static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  /**
   * @param attempts tries per call when the server cannot be reached or answers 5xx
   * @param backoff wait before the second try, doubled before each further one
   */
  public record Settings(URI baseUrl, Duration timeout, int attempts, Duration backoff) {
    public static Settings of(URI baseUrl) {
      return new Settings(baseUrl, Duration.ofSeconds(10), 3, Duration.ofMillis(200));
    }
  }

  private final Settings settings;
  private final HttpClient http;

  public NotaryServerClient(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  public URI baseUrl() {
    return settings.baseUrl();
  }

  /**
   * @return the role file, or empty if the server has none (404)
   * @throws TrustDataException {@link TrustProblem#UNREACHABLE} after the retries, {@link
   *     TrustProblem#REJECTED} for another answer
   */
  public Optional<byte[]> fetch(String gun, String role) {
    HttpRequest request =
        HttpRequest.newBuilder(roleUri(gun, role)).timeout(settings.timeout()).GET().build();
    HttpResponse<byte[]> response = send(request, gun, "GET " + role);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new TrustDataException(
          TrustProblem.REJECTED,
          "GET " + role + " of " + gun + " answered " + response.statusCode());
    }
    if (response.body().length > MAX_DOCUMENT_BYTES) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, role + " of " + gun + " is larger than " + MAX_DOCUMENT_BYTES);
    }
    return Optional.of(response.body());
  }

  /**
   * Fetches in the order a TUF client does: root, timestamp, snapshot, targets, releases.
   *
   * @throws TrustDataException {@link TrustProblem#NOT_INITIALIZED} if the server has no root for
   *     the GUN, or no timestamp, snapshot or targets
   */
  public TrustData fetchTrustData(String gun) {
    byte[] root = require(gun, TrustRoles.ROOT);
    byte[] timestamp = require(gun, TrustRoles.TIMESTAMP);
    byte[] snapshot = require(gun, TrustRoles.SNAPSHOT);
    byte[] targets = require(gun, TrustRoles.TARGETS);
    return new TrustData(gun, root, timestamp, snapshot, targets, fetch(gun, TrustRoles.RELEASES));
  }

  private byte[] require(String gun, String role) {
    return fetch(gun, role)
        .orElseThrow(
            () ->
                new TrustDataException(
                    TrustProblem.NOT_INITIALIZED,
                    gun
                        + " has no "
                        + role
                        + " on "
                        + settings.baseUrl()
                        + ": its trust data was not initialized (notary init and publish)"));
  }

  /**
   * Publishes one role file; the server checks it against the current trust data and, holding the
   * snapshot and timestamp keys, signs a new snapshot and timestamp.
   *
   * @throws TrustDataException {@link TrustProblem#CONFLICT} when the server has a version at least
   *     as new, {@link TrustProblem#REJECTED} when it refuses the document otherwise
   */
  public void publish(String gun, String role, byte[] document) {
    String boundary = "hallmark-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(document.length + 256);
    body.writeBytes(
        ("--"
                + boundary
                + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\""
                + role
                + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(document);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(settings.baseUrl().resolve("/v2/" + gun + "/_trust/tuf/"))
            .timeout(settings.timeout())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    HttpResponse<byte[]> response = send(request, gun, "POST " + role);
    if (response.statusCode() == 200) {
      return;
    }
    String answer = new String(response.body(), StandardCharsets.UTF_8);
    String summary = answer.length() > 300 ? answer.substring(0, 300) + "…" : answer;
    TrustProblem problem =
        answer.contains("\"VERSION\"") || answer.contains("\"OLD_VERSION\"")
            ? TrustProblem.CONFLICT
            : TrustProblem.REJECTED;
    throw new TrustDataException(
        problem,
        "Notary server refused "
            + role
            + " of "
            + gun
            + " ("
            + response.statusCode()
            + "): "
            + summary.strip());
  }

  private HttpResponse<byte[]> send(HttpRequest request, String gun, String what) {
    Duration wait = settings.backoff();
    TrustDataException last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() < 500) {
          return response;
        }
        last =
            new TrustDataException(
                TrustProblem.UNREACHABLE,
                what
                    + " of "
                    + gun
                    + " on "
                    + settings.baseUrl()
                    + " answered "
                    + response.statusCode());
      } catch (IOException e) {
        last =
            new TrustDataException(
                TrustProblem.UNREACHABLE,
                "Notary server "
                    + settings.baseUrl()
                    + " unreachable ("
                    + what
                    + " of "
                    + gun
                    + "): "
                    + e.getClass().getSimpleName(),
                e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrustDataException(TrustProblem.UNREACHABLE, what + " interrupted", e);
      }
      if (attempt < settings.attempts()) {
        LOG.debug("{} of {}: attempt {} failed, retrying", what, gun, attempt);
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
    throw new TrustDataException(
        last.problem(),
        last.getMessage() + " after " + settings.attempts() + " attempts",
        last.getCause());
  }

  private URI roleUri(String gun, String role) {
    return settings.baseUrl().resolve("/v2/" + gun + "/_trust/tuf/" + role + ".json");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrustDataException(TrustProblem.UNREACHABLE, "interrupted while retrying", e);
    }
  }
}
