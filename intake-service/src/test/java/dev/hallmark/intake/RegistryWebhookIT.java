package dev.hallmark.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.SubmitterKind;
import dev.hallmark.intake.request.SigningRequestRepository;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Registry push notifications (docs/formats.md, "Registry push notifications") become signing
 * requests, once each.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryWebhookIT implements TestPropertyProvider {
  static final String SECRET = "webhook-secret-for-tests";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  final Infrastructure infra = TestInfrastructure.shared();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SigningRequestRepository requests;

  @Override
  public Map<String, String> getProperties() {
    return TestDecisionKey.intakeProperties(infra);
  }

  @Test
  void push_taggedManifestToAutoSignedRepository_createsOneRequestEvenWhenRedelivered()
      throws Exception {
    String eventId = UUID.randomUUID().toString();
    String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "").repeat(2);
    String envelope = envelope(event(eventId, "push", OCI_MANIFEST, "demo/app", digest, "1.0"));
    long before = requests.count();

    Map<String, Object> first = deliver(envelope, SECRET);
    Map<String, Object> again = deliver(envelope, SECRET);

    assertThat(first).containsEntry("accepted", 1);
    assertThat(again).containsEntry("accepted", 0);
    assertThat(requests.count()).isEqualTo(before + 1);
    SigningRequested requested = awaitRequestForDelivery(eventId);
    assertThat(requested.getSubmitter().getKind()).isEqualTo(SubmitterKind.REGISTRY_WEBHOOK);
    assertThat(requested.getProject()).isEqualTo("demo");
    assertThat(requested.getSigningPolicy()).isEqualTo("default");
    assertThat(requested.getImages().get(0).getRegistry()).isEqualTo("127.0.0.1:15000");
    assertThat(requested.getImages().get(0).getRepository()).isEqualTo("demo/app");
    assertThat(requested.getImages().get(0).getDigest()).isEqualTo(digest);
    assertThat(requested.getImages().get(0).getTags()).containsExactly("1.0");
  }

  @Test
  void push_eventsNotToSign_areIgnored() {
    String digest = "sha256:" + "1f".repeat(32);
    long before = requests.count();

    Map<String, Object> receipt =
        deliver(
            envelope(
                event(id(), "push", "application/octet-stream", "demo/app", digest, ""),
                event(id(), "pull", OCI_MANIFEST, "demo/app", digest, "1.0"),
                event(id(), "delete", OCI_MANIFEST, "demo/app", digest, "1.0"),
                event(id(), "push", OCI_MANIFEST, "demo/app", digest, ""),
                event(
                    id(),
                    "push",
                    OCI_MANIFEST,
                    "demo/app",
                    digest,
                    "sha256-" + "1f".repeat(32) + ".sig"),
                event(id(), "push", OCI_MANIFEST, "other/app", digest, "1.0"),
                event(id(), "push", OCI_MANIFEST, "demo/deep/app", digest, "1.0")),
            SECRET);

    assertThat(receipt).containsEntry("accepted", 0).containsEntry("ignored", 7);
    assertThat(requests.count()).isEqualTo(before);
  }

  @Test
  void push_wrongSecret_answers401AndCreatesNothing() {
    long before = requests.count();
    String envelope =
        envelope(event(id(), "push", OCI_MANIFEST, "demo/app", "sha256:" + "2e".repeat(32), "1"));

    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class, () -> deliver(envelope, "not-the-secret"));

    assertThat(e.getStatus().getCode()).isEqualTo(401);
    assertThat(requests.count()).isEqualTo(before);
  }

  @Test
  void push_malformedEnvelope_answers400() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class, () -> deliver("{\"events\": [", SECRET));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
  }

  private Map<String, Object> deliver(String envelope, String secret) {
    return http.toBlocking()
        .retrieve(
            HttpRequest.POST("/api/v1/webhooks/registry", envelope)
                .contentType("application/vnd.docker.distribution.events.v1+json")
                .bearerAuth(secret),
            Argument.mapOf(String.class, Object.class));
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  static String event(
      String id, String action, String mediaType, String repository, String digest, String tag) {
    return """
        {"id": "%s", "timestamp": "2026-11-23T10:00:00Z", "action": "%s",
         "target": {"mediaType": "%s", "digest": "%s", "size": 528, "length": 528,
                    "repository": "%s", "url": "http://127.0.0.1:15000/v2/%s/manifests/%s",
                    "tag": "%s"},
         "request": {"id": "r1", "addr": "127.0.0.1:40000", "host": "127.0.0.1:15000",
                     "method": "PUT", "useragent": "skopeo"},
         "actor": {}, "source": {"addr": "registry:5000", "instanceID": "i1"}}
        """
        .formatted(id, action, mediaType, digest, repository, repository, digest, tag);
  }

  static String envelope(String... events) {
    return "{\"events\": [" + String.join(",", events) + "]}";
  }

  private SigningRequested awaitRequestForDelivery(String deliveryId) throws Exception {
    return KafkaTestClient.of(infra)
        .awaitEvents(
            Topics.SIGNING_REQUESTS.name(),
            SigningRequested.class,
            event -> deliveryId.equals(event.getWebhookDeliveryId()),
            1,
            Duration.ofSeconds(30))
        .get(0);
  }
}
