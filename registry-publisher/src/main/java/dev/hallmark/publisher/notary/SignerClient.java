package dev.hallmark.publisher.notary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Asks signer-service to sign a {@code targets/releases} document ({@code POST
 * /api/v1/notary/signatures}). signer-service checks the document against what was approved and
 * against the published one before it signs; this client only carries the answer back.
 */
@Singleton
public class SignerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final NotarySettings settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  SignerClient(NotarySettings settings) {
    this.settings = settings;
  }

  /**
   * @param canonicalSigned the canonical JSON of the proposed {@code signed} object
   * @return the signature entry {@code {"keyid","method","sig"}} ({@code sig} as base64 text)
   * @throws SigningRefusedException when signer-service refuses or cannot be reached
   */
  public Map<String, Object> sign(UUID requestId, String gun, byte[] canonicalSigned) {
    ObjectNode body = JSON.createObjectNode();
    body.put("requestId", requestId.toString());
    body.put("gun", gun);
    body.put("signed", Base64.getEncoder().encodeToString(canonicalSigned));
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(endpoint())
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SigningRefusedException(
          0, "UNREACHABLE", "signer-service unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SigningRefusedException(0, "UNREACHABLE", "interrupted");
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() != 200) {
      throw new SigningRefusedException(
          response.statusCode(),
          answer.path("problem").asText("HTTP_" + response.statusCode()),
          answer.path("detail").asText(answer.path("title").asText("no detail")));
    }
    String keyId = answer.path("keyid").asText("");
    String method = answer.path("method").asText("");
    String sig = answer.path("sig").asText("");
    if (keyId.isEmpty() || method.isEmpty() || sig.isEmpty()) {
      throw new SigningRefusedException(
          200, "MALFORMED", "signer answer lacks keyid, method or sig");
    }
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("keyid", keyId);
    signature.put("method", method);
    signature.put("sig", sig);
    return signature;
  }

  private URI endpoint() {
    return settings.signerUrl().resolve("/api/v1/notary/signatures");
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /**
   * signer-service did not sign.
   *
   * @param status HTTP status; 0 when it could not be reached
   * @param problem its {@code problem} code (e.g. {@code STALE}, {@code UNAPPROVED_CHANGE}, a trust
   *     problem) or {@code UNREACHABLE}
   */
  public static final class SigningRefusedException extends RuntimeException {
    private final int status;
    private final String problem;

    SigningRefusedException(int status, String problem, String detail) {
      super("signer-service refused (" + problem + "): " + detail);
      this.status = status;
      this.problem = problem;
    }

    public int status() {
      return status;
    }

    public String problem() {
      return problem;
    }

    /** Stale proposal (someone published meanwhile), or signer-service briefly unavailable. */
    public boolean retryable() {
      return status == 409 || status == 0 || status == 503;
    }
  }
}
