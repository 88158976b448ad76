package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit API with reader tokens configured: every endpoint that shows or changes the ledger
 * answers 401 (problem details, bearer challenge) without one of them, and serves either of two
 * configured tokens (rotation); the public key and the latest checkpoint stay open.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAccessIT implements TestPropertyProvider {
  static final String TOKEN = "audit-reader-token-current";
  static final String PREVIOUS_TOKEN = "audit-reader-token-previous";
  static final List<String> PROTECTED =
      List.of(
          "/api/v1/audit",
          "/api/v1/audit?requestId=" + java.util.UUID.randomUUID(),
          "/api/v1/audit/export",
          "/api/v1/audit/verify",
          "/api/v1/audit/entries/0/inclusion-proof?treeSize=1",
          "/api/v1/audit/consistency-proof?from=1&to=2");

  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "audit_access");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Inject EmbeddedServer server;
  @Inject LedgerAppender appender;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(AuditServiceProperties.of(infra, jdbcUrl));
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    properties.put(
        "hallmark.audit.reader-token-sha256",
        TokenHash.sha256Hex(TOKEN) + ", " + TokenHash.sha256Hex(PREVIOUS_TOKEN));
    return properties;
  }

  @BeforeAll
  void ledgerWithTwoCheckpoints() throws Exception {
    appender.append(TestEntries.drafts(1, "access"));
    assertThat(send("POST", "/api/v1/audit/checkpoints", TOKEN).statusCode()).isIn(200, 201);
    appender.append(TestEntries.drafts(1, "access"));
    assertThat(send("POST", "/api/v1/audit/checkpoints", TOKEN).statusCode()).isIn(200, 201);
  }

  @Test
  void everyLedgerEndpoint_withoutAToken_is401WithChallengeAndProblem() throws Exception {
    for (String path : PROTECTED) {
      HttpResponse<String> refused = send("GET", path, null);

      assertThat(refused.statusCode()).as(path).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .as(path)
          .hasValue("Bearer realm=\"hallmark\"");
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .startsWith("application/problem+json");
      assertThat(refused.body()).as(path).contains("Bearer <audit token> is required");
    }
    assertThat(send("POST", "/api/v1/audit/checkpoints", null).statusCode()).isEqualTo(401);
    assertThat(streamStatus(null)).isEqualTo(401);
  }

  @Test
  void aWrongToken_is401_andTheAnswerDoesNotRepeatIt() throws Exception {
    HttpResponse<String> refused = send("GET", "/api/v1/audit", "not-the-audit-token");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("the audit token is not valid");
    assertThat(refused.body()).doesNotContain("not-the-audit-token");
  }

  @Test
  void eitherConfiguredToken_readsEveryEndpoint() throws Exception {
    for (String token : List.of(TOKEN, PREVIOUS_TOKEN)) {
      for (String path : PROTECTED) {
        HttpResponse<String> served = send("GET", path, token);
        assertThat(served.statusCode()).as("%s: %s", path, served.body()).isEqualTo(200);
      }
      assertThat(streamStatus(token)).isEqualTo(200);
    }
  }

  @Test
  void publicKeyAndLatestCheckpoint_areOpenToAnyone() throws Exception {
    HttpResponse<String> key = send("GET", "/api/v1/audit/public-key", null);
    HttpResponse<String> latest = send("GET", "/api/v1/audit/checkpoints/latest", null);

    assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
    assertThat(key.body()).contains("BEGIN PUBLIC KEY");
    assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
    assertThat(latest.body()).contains("\"treeSize\":2");
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status of the live feed; the stream itself is left at once. */
  private int streamStatus(String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/audit/stream"))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }
}
