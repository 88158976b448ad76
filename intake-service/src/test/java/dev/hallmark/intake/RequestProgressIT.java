package dev.hallmark.intake;

import static dev.hallmark.intake.SigningRequestIT.JSON_OBJECT;
import static dev.hallmark.intake.SigningRequestIT.authorized;
import static dev.hallmark.intake.SigningRequestIT.body;
import static dev.hallmark.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request's status follows the decision and publication events of the later stages. Decisions are
 * signed with {@link TestDecisionKey}, as policy-service signs them; ones that are not are parked.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestProgressIT implements TestPropertyProvider {
  static final String REGISTRY = "127.0.0.1:15000";
  final Infrastructure infra = TestInfrastructure.shared();
  final KafkaTestClient kafka = KafkaTestClient.of(infra);

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    return TestDecisionKey.intakeProperties(infra);
  }

  @AfterAll
  void close() {
    kafka.close();
  }

  @Test
  void approvedAndPublished_requestBecomesCompletedWithLocation() throws Exception {
    String digest = "sha256:" + "3c".repeat(32);
    UUID id = submit(digest);

    decide(decision(id, digest, DecisionOutcome.APPROVED, null));
    awaitStatus(id, "SIGNING");
    String location = REGISTRY + "/demo/app:sha256-" + "3c".repeat(32) + ".sig";
    SignaturePublished published = published(id, digest, location);
    send(Topics.PUBLICATIONS.name(), published);
    send(Topics.PUBLICATIONS.name(), published); // redelivery changes nothing

    Map<String, Object> status = awaitStatus(id, "COMPLETED");
    List<Map<String, Object>> artifacts = (List<Map<String, Object>>) status.get("artifacts");
    List<Map<String, Object>> signatures =
        (List<Map<String, Object>>) artifacts.get(0).get("signatures");
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0))
        .containsEntry("method", "cosign")
        .containsEntry("keyId", "demo-cosign")
        .containsEntry("location", location);
  }

  @Test
  void publishedBeforeDecisionArrives_stillCompletes() throws Exception {
    String digest = "sha256:" + "4d".repeat(32);
    UUID id = submit(digest);

    send(Topics.PUBLICATIONS.name(), published(id, digest, REGISTRY + "/demo/app:x.sig"));
    decide(decision(id, digest, DecisionOutcome.APPROVED, null));

    awaitStatus(id, "COMPLETED");
  }

  @Test
  void denied_requestIsDeniedWithReason() throws Exception {
    String digest = "sha256:" + "5e".repeat(32);
    UUID id = submit(digest);

    decide(decision(id, digest, DecisionOutcome.DENIED, "repository not covered"));

    assertThat(awaitStatus(id, "DENIED")).containsEntry("reason", "repository not covered");
  }

  @Test
  void pendingThenApproved_requestWaitsWithReasonThenSigns() throws Exception {
    String digest = "sha256:" + "6a".repeat(32);
    UUID id = submit(digest);

    decide(
        decision(
            id,
            digest,
            DecisionOutcome.PENDING_APPROVAL,
            "waiting for 2 approvals from group release of project demo"));
    assertThat(awaitStatus(id, "PENDING_APPROVAL"))
        .containsEntry("reason", "waiting for 2 approvals from group release of project demo");
    PolicyDecision approved = decision(id, digest, DecisionOutcome.APPROVED, null);
    approved.setPolicyVersion(3);
    approved.setApprovers(List.of("alice", "bob"));
    decide(approved);

    assertThat(awaitStatus(id, "SIGNING"))
        .doesNotContainKey("reason")
        .containsEntry("policyVersion", 3)
        .containsEntry("approvers", List.of("alice", "bob"));
    send(Topics.PUBLICATIONS.name(), published(id, digest, REGISTRY + "/demo/app:y.sig"));
    awaitStatus(id, "COMPLETED");
  }

  @Test
  void pendingThenDenied_requestIsDeniedWithTheFinalReason() throws Exception {
    String digest = "sha256:" + "7b".repeat(32);
    UUID id = submit(digest);

    decide(decision(id, digest, DecisionOutcome.PENDING_APPROVAL, "waiting for 2 approvals"));
    awaitStatus(id, "PENDING_APPROVAL");
    decide(decision(id, digest, DecisionOutcome.DENIED, "rejected by bob: not this build"));

    assertThat(awaitStatus(id, "DENIED"))
        .containsEntry("reason", "rejected by bob: not this build");
  }

  @Test
  void publicationFailed_requestFailsWithReason() throws Exception {
    String digest = "sha256:" + "6f".repeat(32);
    UUID id = submit(digest);
    decide(decision(id, digest, DecisionOutcome.APPROVED, null));

    send(
        Topics.PUBLICATIONS.name(),
        PublicationFailed.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(id)
            .setOccurredAt(now())
            .setImage(image(digest))
            .setMethod(SigningMethod.COSIGN)
            .setKeyId("demo-cosign")
            .setReason("registry answered 500 five times")
            .setAttempts(5)
            .setRetryable(true)
            .build());

    assertThat((String) awaitStatus(id, "FAILED").get("reason"))
        .contains("registry answered 500 five times");
  }

  @Test
  void publicationFailed_thenRedrivenAndPublished_requestCompletesWithTheLocation()
      throws Exception {
    String digest = "sha256:" + "6e".repeat(32);
    UUID id = submit(digest);
    decide(decision(id, digest, DecisionOutcome.APPROVED, null));
    send(
        Topics.PUBLICATIONS.name(),
        PublicationFailed.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(id)
            .setOccurredAt(now())
            .setImage(image(digest))
            .setMethod(SigningMethod.COSIGN)
            .setKeyId("demo-cosign")
            .setReason("registry answered 403")
            .setAttempts(1)
            .setRetryable(false)
            .build());
    awaitStatus(id, "FAILED");

    // An operator re-drove the publication (registry-publisher), and it went through.
    String location = REGISTRY + "/demo/app:sha256-" + "6e".repeat(32) + ".sig";
    send(Topics.PUBLICATIONS.name(), published(id, digest, location));

    Map<String, Object> status = awaitStatus(id, "COMPLETED");
    List<Map<String, Object>> artifacts = (List<Map<String, Object>>) status.get("artifacts");
    List<Map<String, Object>> signatures =
        (List<Map<String, Object>>) artifacts.get(0).get("signatures");
    assertThat(signatures)
        .singleElement()
        .satisfies(s -> assertThat(s).containsEntry("location", location));
  }

  @Test
  void signingFailed_requestFailsWithTheSignersReason() throws Exception {
    String digest = "sha256:" + "7a".repeat(32);
    UUID id = submit(digest);
    decide(decision(id, digest, DecisionOutcome.APPROVED, null));

    send(
        Topics.SIGNATURES.name(),
        SigningFailed.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(id)
            .setOccurredAt(now())
            .setImage(image(digest))
            .setMethod(SigningMethod.COSIGN)
            .setKeyId("demo-cosign")
            .setReason("not signed after retries: UnknownKeyException: demo-cosign")
            .build());

    assertThat((String) awaitStatus(id, "FAILED").get("reason"))
        .startsWith("signing 127.0.0.1:15000/demo/app failed")
        .contains("UnknownKeyException");
  }

  @Test
  void decisionRejected_changesNothingAndIsNotParked() throws Exception {
    String digest = "sha256:" + "8b".repeat(32);
    UUID id = submit(digest);
    decide(decision(id, digest, DecisionOutcome.APPROVED, null));
    awaitStatus(id, "SIGNING");
    DecisionRejected rejected =
        DecisionRejected.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(id)
            .setOccurredAt(now())
            .setDecisionEventId(UUID.randomUUID())
            .setImages(List.of(image(digest)))
            .setReason("decision is not authenticated: no authenticator")
            .build();

    send(Topics.SIGNATURES.name(), rejected);
    // After it, on the same partition: once the request fails, the rejection was handled.
    send(
        Topics.SIGNATURES.name(),
        SigningFailed.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(id)
            .setOccurredAt(now())
            .setImage(image(digest))
            .setMethod(SigningMethod.COSIGN)
            .setKeyId("demo-cosign")
            .setReason("marker")
            .build());

    assertThat((String) awaitStatus(id, "FAILED").get("reason")).endsWith("failed: marker");
    byte[] bytes = EventCodec.standard().encode(rejected);
    assertThat(deadLetters()).noneMatch(parked -> Arrays.equals(parked.value(), bytes));
  }

  @Test
  void unauthenticatedDecisions_changeNothingAndAreParkedWithTheReason_thenASignedOneApplies()
      throws Exception {
    String digest = "sha256:" + "9c".repeat(32);
    UUID id = submit(digest);
    PolicyDecision unsigned = forgedDenial(id, digest);
    KeyPair stranger = DecisionKeys.generate();
    PolicyDecision unknownKey =
        new DecisionSigner(stranger.getPrivate(), stranger.getPublic())
            .sign(forgedDenial(id, digest));
    // Genuine as signed, then its outcome turned around: the signature no longer covers it.
    PolicyDecision altered =
        TestDecisionKey.sign(decision(id, digest, DecisionOutcome.APPROVED, null));
    altered.setOutcome(DecisionOutcome.DENIED);
    altered.setReason("forged: denied");

    for (PolicyDecision forged : List.of(unsigned, unknownKey, altered)) {
      send(Topics.POLICY_DECISIONS.name(), forged);
    }

    Map<PolicyDecision, String> expected = new LinkedHashMap<>();
    expected.put(unsigned, "no authenticator");
    expected.put(
        unknownKey, "signed by unknown key " + DecisionKeys.keyIdHex(stranger.getPublic()));
    expected.put(altered, "signature does not verify");
    Map<PolicyDecision, ConsumerRecord<byte[], byte[]>> parked = awaitParked(expected.keySet());
    expected.forEach(
        (forged, why) -> {
          ConsumerRecord<byte[], byte[]> record = parked.get(forged);
          assertThat(header(record, DeadLetterHeaders.REASON))
              .isEqualTo("decision " + forged.getEventId() + " is not authenticated: " + why);
          assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC))
              .isEqualTo(Topics.POLICY_DECISIONS.name());
        });
    // Parked means handled: had any of them been applied, the request would be DENIED by now.
    assertThat(get(id))
        .containsEntry("status", "RECEIVED")
        .doesNotContainKey("reason")
        .doesNotContainKey("policyVersion");

    PolicyDecision genuine = decision(id, digest, DecisionOutcome.APPROVED, null);
    genuine.setPolicyVersion(2);
    decide(genuine);
    assertThat(awaitStatus(id, "SIGNING")).containsEntry("policyVersion", 2);
    assertThat(deadLetters())
        .noneMatch(
            record ->
                String.valueOf(header(record, DeadLetterHeaders.REASON))
                    .contains(genuine.getEventId().toString()));
  }

  /** An unsigned DENIED decision for the request, as a forger would write it. */
  private static PolicyDecision forgedDenial(UUID id, String digest) {
    PolicyDecision forged = decision(id, digest, DecisionOutcome.DENIED, "forged: denied");
    forged.setPolicyVersion(99);
    forged.setApprovers(List.of("mallory"));
    return forged;
  }

  /** Waits until every decision is on intake's dead-letter topic; its record there, by decision. */
  private Map<PolicyDecision, ConsumerRecord<byte[], byte[]>> awaitParked(
      Collection<PolicyDecision> decisions) throws Exception {
    return Await.until(
        "decisions parked: " + decisions,
        Duration.ofSeconds(60),
        () -> parkedRecords(decisions),
        found -> found.size() == decisions.size());
  }

  /** The records on intake's dead-letter topic of these decisions, by decision. */
  private Map<PolicyDecision, ConsumerRecord<byte[], byte[]>> parkedRecords(
      Collection<PolicyDecision> decisions) {
    List<ConsumerRecord<byte[], byte[]>> parked = deadLetters();
    Map<PolicyDecision, ConsumerRecord<byte[], byte[]>> found = new LinkedHashMap<>();
    for (PolicyDecision decision : decisions) {
      byte[] bytes = EventCodec.standard().encode(decision);
      parked.stream()
          .filter(record -> Arrays.equals(record.value(), bytes))
          .findFirst()
          .ifPresent(record -> found.put(decision, record));
    }
    return found;
  }

  /** The records on intake's dead-letter topic, from its beginning to its end as of now. */
  private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    return kafka.deadLetters(Services.INTAKE);
  }

  private UUID submit(String digest) {
    Map<String, Object> accepted =
        http.toBlocking()
            .retrieve(
                authorized(HttpRequest.POST("/api/v1/signing-requests", body("demo", digest))),
                JSON_OBJECT);
    return UUID.fromString((String) accepted.get("id"));
  }

  private Map<String, Object> awaitStatus(UUID id, String expected) throws Exception {
    return Await.until(
        "request " + id + " " + expected,
        Duration.ofSeconds(30),
        () -> get(id),
        status -> expected.equals(status.get("status")));
  }

  private Map<String, Object> get(UUID id) {
    return http.toBlocking()
        .retrieve(authorized(HttpRequest.GET("/api/v1/signing-requests/" + id)), JSON_OBJECT);
  }

  /** Sends the decision as policy-service would: signed by the key intake trusts. */
  private void decide(PolicyDecision decision) throws Exception {
    send(Topics.POLICY_DECISIONS.name(), TestDecisionKey.sign(decision));
  }

  private void send(String topic, SpecificRecord event) throws Exception {
    kafka.send(topic, "key", event);
  }

  static PolicyDecision decision(UUID id, String digest, DecisionOutcome outcome, String reason) {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(id)
        .setOccurredAt(now())
        .setImages(List.of(image(digest)))
        .setOutcome(outcome)
        .setReason(reason)
        .setProject("demo")
        .setSigningPolicy("default")
        .setPolicyVersion(1)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId("demo-cosign")
        .setApprovers(List.of())
        .setOrigin(null)
        .setAuthenticator(null)
        .build();
  }

  static SignaturePublished published(UUID id, String digest, String location) {
    return SignaturePublished.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(id)
        .setOccurredAt(now())
        .setImage(image(digest))
        .setMethod(SigningMethod.COSIGN)
        .setKeyId("demo-cosign")
        .setLocation(location)
        .setNotaryVersion(null)
        .build();
  }

  static ImageRef image(String digest) {
    return ImageRef.newBuilder()
        .setRegistry(REGISTRY)
        .setRepository("demo/app")
        .setDigest(digest)
        .setTags(List.of("1.0"))
        .build();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
