package dev.hallmark.publisher.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.publisher.TestSignatures;
import dev.hallmark.publisher.publication.PublicationRepository;
import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An operator re-drives a FAILED publication once its cause is fixed: a registry refuses the
 * publisher (401 without a challenge: no retry can fix that), the publication ends FAILED; the real
 * registry takes the port again, and {@code POST /api/v1/publications/{requestId}/redrive}
 * publishes the signature exactly once. A second re-drive is 409, an unknown request 404, no or a
 * wrong token 401, all as problem+json.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationRedriveIT implements TestPropertyProvider {
  static final String TOKEN = "it-admin-" + UUID.randomUUID();
  static final Duration WAIT = Duration.ofSeconds(60);

  final Infrastructure infra = TestInfrastructure.shared();
  final HttpClient http = HttpClient.newHttpClient();
  @Inject EmbeddedServer server;
  @Inject PublicationRepository rows;
  RestartableRegistry registry;
  PublicationEvents events;

  @Override
  public Map<String, String> getProperties() {
    assumeTrue(infra.registry().isPresent(), "no registry in this test infrastructure");
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.put("hallmark.publisher.admin-token-sha256", TokenHash.sha256Hex(TOKEN));
    properties.put("hallmark.publisher.retry.backoff", "200ms");
    properties.put("hallmark.publisher.retry.max-backoff", "1s");
    return properties;
  }

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("hallmark-redrive-it-");
    registry = RestartableRegistry.start(dir.resolve("registry"));
    events = new PublicationEvents(infra);
  }

  @AfterAll
  void stop() {
    if (events != null) {
      events.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void failedPublication_redriven_isPublishedOnce_andASecondRedriveConflicts() throws Exception {
    String repository = TestSignatures.repository();
    TestImages.PushedImage image = TestImages.push(registry.hostPort(), repository, "1.0");
    KeyPair key = TestSignatures.ecKey();
    SignatureCreated signature =
        TestSignatures.signed(registry.hostPort(), repository, image.digest(), key, "redrive");
    UUID requestId = signature.getRequestId();

    registry.kill();
    HttpServer refusing = refusingRegistry(registry.port());
    try {
      events.send(signature);
      PublicationFailed failed = awaitFailed(signature);
      assertThat(failed.getReason()).contains("401");
      assertThat(rows.findByRequestIdOrderById(requestId))
          .singleElement()
          .satisfies(row -> assertThat(row.status()).isEqualTo("FAILED"));
    } finally {
      refusing.stop(0);
    }
    registry.restart();

    HttpResponse<String> redriven = redrive(requestId, "Bearer " + TOKEN);
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(202);
    assertThat(redriven.body()).contains("\"publications\":1");
    events.awaitPublished(List.of(signature), WAIT, false);

    HttpResponse<String> again = redrive(requestId, "Bearer " + TOKEN);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(again.body()).contains("no FAILED publication");

    events.poll(Duration.ofSeconds(3));
    assertThat(events.published(signature)).hasSize(1);
    assertThat(events.failed(List.of(signature))).hasSize(1); // the one before the re-drive
    assertThat(
            CosignVerifier.verify(registry.hostPort(), repository, image.digest(), key.getPublic())
                .verified())
        .hasSize(1);
    assertThat(rows.findByRequestIdOrderById(requestId))
        .singleElement()
        .satisfies(row -> assertThat(row.status()).isEqualTo("PUBLISHED"));
  }

  @Test
  void redrive_unknownRequest_is404() throws Exception {
    HttpResponse<String> response = redrive(UUID.randomUUID(), "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void redrive_withoutOrWithAWrongToken_is401() throws Exception {
    HttpResponse<String> missing = redrive(UUID.randomUUID(), null);
    HttpResponse<String> wrong = redrive(UUID.randomUUID(), "Bearer not-the-token");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(wrong.body()).doesNotContain("not-the-token");
  }

  // ---------------------------------------------------------------------------------------------

  HttpResponse<String> redrive(UUID requestId, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(server.getURL() + "/api/v1/publications/" + requestId + "/redrive"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  PublicationFailed awaitFailed(SignatureCreated signature) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      events.poll(Duration.ofMillis(200));
      List<PublicationFailed> failed = events.failed(List.of(signature));
      if (!failed.isEmpty()) {
        return failed.get(0);
      }
    }
    throw new AssertionError("no PublicationFailed within " + WAIT);
  }

  /** A registry that refuses everyone: 401 without a challenge, which no retry can fix. */
  static HttpServer refusingRegistry(int port) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    server.start();
    return server;
  }
}
