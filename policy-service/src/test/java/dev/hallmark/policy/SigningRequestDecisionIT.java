package dev.hallmark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import dev.hallmark.events.SubmitterKind;
import dev.hallmark.policy.decision.DecisionRepository;
import dev.hallmark.policy.decision.DecisionRow;
import dev.hallmark.runtime.outbox.OutboxRepository;
import dev.hallmark.schemas.auth.DecisionAuthenticator;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * policy-service deciding signing requests from real Kafka into real PostgreSQL, with the projects
 * of {@code projects-it.yml}.
 */
@MicronautTest(propertySources = "classpath:projects-it.yml", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningRequestDecisionIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String REGISTRY = "127.0.0.1:15000";
  final Infrastructure infra = TestInfrastructure.shared();
  final EventCodec codec = EventCodec.standard();
  KafkaTestClient kafka;
  TopicReader decisions;
  TopicReader deadLetters;

  @Inject DecisionRepository decisionRows;
  @Inject OutboxRepository outbox;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestDecisionKey.policyProperties());
    return properties;
  }

  @BeforeAll
  void connect() throws Exception {
    kafka = KafkaTestClient.of(infra);
    decisions = new TopicReader(infra.kafkaBootstrap(), Topics.POLICY_DECISIONS.name(), WAIT);
    deadLetters =
        new TopicReader(infra.kafkaBootstrap(), Topics.deadLetterFor(Services.POLICY).name(), WAIT);
  }

  @AfterAll
  void disconnect() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (decisions != null) {
      decisions.close();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
  }

  @Test
  void request_withinPolicy_yieldsOneApprovedDecision() throws Exception {
    SigningRequested request = request("demo/app", "1.0");

    send(request);
    ConsumerRecord<byte[], byte[]> record = onlyDecisionOf(request);

    assertThat(TopicReader.header(record, "hallmark-event-type")).isEqualTo("PolicyDecision");
    PolicyDecision decision = codec.decode(record.value(), PolicyDecision.class);
    assertThat(decision.getRequestId()).isEqualTo(request.getRequestId());
    assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.getReason()).isNull();
    assertThat(decision.getProject()).isEqualTo("demo");
    assertThat(decision.getSigningPolicy()).isEqualTo("default");
    assertThat(decision.getPolicyVersion()).isEqualTo(1);
    assertThat(decision.getImages()).isEqualTo(request.getImages());
    assertThat(decision.getMethods()).containsExactly(SigningMethod.COSIGN);
    assertThat(decision.getKeyId()).isEqualTo("demo-cosign");
    assertThat(decision.getApprovers()).isEmpty();
    assertThat(decision.getOrigin()).isEqualTo(request.getOrigin());
    // Authenticated with the configured key, over exactly what was announced.
    assertThat(TestDecisionKey.verifier().rejection(decision)).isEmpty();
    assertThat(DecisionAuthenticator.parse(decision.getAuthenticator()).keyIdHex())
        .isEqualTo(TestDecisionKey.keyIdHex());

    DecisionRow row = decisionRows.findById(request.getRequestId()).orElseThrow();
    assertThat(row.eventId()).isEqualTo(decision.getEventId());
    assertThat(row.outcome()).isEqualTo("APPROVED");
    assertThat(row.keyId()).isEqualTo("demo-cosign");
    assertThat(row.policyVersion()).isEqualTo(1);
    assertThat(row.decidedAt()).isEqualTo(decision.getOccurredAt());
  }

  @Test
  void request_forUncoveredRepository_yieldsOneDeniedDecisionNamingIt() throws Exception {
    SigningRequested request = request("other/app", "1.0");

    send(request);
    PolicyDecision decision = codec.decode(onlyDecisionOf(request).value(), PolicyDecision.class);

    assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.getReason())
        .isEqualTo("repository 127.0.0.1:15000/other/app is not covered by policy demo/default");
    assertThat(decision.getPolicyVersion()).isEqualTo(1);
    assertThat(decision.getImages()).isEqualTo(request.getImages());
    assertThat(decision.getMethods()).isEmpty();
    assertThat(decision.getKeyId()).isNull();
    assertThat(TestDecisionKey.verifier().rejection(decision)).isEmpty();

    DecisionRow row = decisionRows.findById(request.getRequestId()).orElseThrow();
    assertThat(row.outcome()).isEqualTo("DENIED");
    assertThat(row.reason()).isEqualTo(decision.getReason());
    assertThat(row.keyId()).isNull();
  }

  @Test
  void request_verifiedOriginOnAcceptedRef_isApprovedCarryingTheOrigin() throws Exception {
    SigningRequested request = verifiedRequest("refs/tags/v1.2.0");

    send(request);
    PolicyDecision decision = codec.decode(onlyDecisionOf(request).value(), PolicyDecision.class);

    assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.getOrigin()).isEqualTo(request.getOrigin());
    assertThat(decision.getOrigin().getVerified()).isTrue();
    assertThat(decision.getOrigin().getIssuer()).isEqualTo("https://ci.example");
  }

  @Test
  void request_verifiedOriginOnOtherRef_isDeniedNamingTheClaim() throws Exception {
    SigningRequested request = verifiedRequest("refs/heads/dev");

    send(request);
    PolicyDecision decision = codec.decode(onlyDecisionOf(request).value(), PolicyDecision.class);

    assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.getReason())
        .isEqualTo(
            "origin claim ref is refs/heads/dev, policy demo/verified accepts"
                + " [refs/heads/main, refs/tags/v*]");
    assertThat(decisionRows.findById(request.getRequestId()).orElseThrow().reason())
        .isEqualTo(decision.getReason());
  }

  @Test
  void request_declaredOriginUnderOriginPolicy_isDenied() throws Exception {
    SigningRequested request = request("demo/app", "1.0");
    request.setSigningPolicy("verified");

    send(request);
    PolicyDecision decision = codec.decode(onlyDecisionOf(request).value(), PolicyDecision.class);

    assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.getReason())
        .isEqualTo(
            "origin is not verified: policy demo/verified requires an identity token from"
                + " [https://ci.example]");
  }

  @Test
  void request_forUnknownProject_yieldsDeniedDecisionWithoutPolicyVersion() throws Exception {
    SigningRequested request = request("demo/app", "1.0");
    request.setProject("nope");

    send(request);
    PolicyDecision decision = codec.decode(onlyDecisionOf(request).value(), PolicyDecision.class);

    assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.getReason()).isEqualTo("project nope is not configured");
    assertThat(decision.getPolicyVersion()).isZero();
  }

  @Test
  void request_redelivered_yieldsNoSecondDecision() throws Exception {
    SigningRequested request = request("demo/app", "1.0");
    byte[] bytes = codec.encode(request);
    String key = request.getRequestId().toString();

    send(key, bytes);
    decisions.await(key, found -> !found.isEmpty());
    send(key, bytes);
    // A marker on the same partition of the requests topic: once it is decided, so is the
    // redelivered record before it.
    SigningRequested marker = request("demo/app", "1.0");
    send(key, codec.encode(marker));
    decisions.await(marker.getRequestId().toString(), found -> !found.isEmpty());

    assertThat(onlyDecisionOf(request)).isNotNull();
    assertThat(decisionRows.findById(request.getRequestId())).isPresent();
  }

  @Test
  void garbage_onRequestsTopic_isParkedWithReason() throws Exception {
    String key = "garbage-" + UUID.randomUUID();

    send(key, "not an event".getBytes(StandardCharsets.UTF_8));

    ConsumerRecord<byte[], byte[]> parked =
        deadLetters.await(key, found -> !found.isEmpty()).get(0);
    assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(TopicReader.header(parked, DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(TopicReader.header(parked, DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(Topics.SIGNING_REQUESTS.name());
    assertThat(decisions.readToEnd(key)).isEmpty();
  }

  @Test
  void otherEventType_onRequestsTopic_isParkedWithReason() throws Exception {
    String key = UUID.randomUUID().toString();
    PolicyDecision wrong =
        PolicyDecision.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.fromString(key))
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setOutcome(DecisionOutcome.APPROVED)
            .setProject("demo")
            .setSigningPolicy("default")
            .setPolicyVersion(1)
            .build();

    send(key, codec.encode(wrong));

    ConsumerRecord<byte[], byte[]> parked =
        deadLetters.await(key, found -> !found.isEmpty()).get(0);
    assertThat(TopicReader.header(parked, DeadLetterHeaders.REASON)).contains("PolicyDecision");
  }

  /**
   * The one decision on a request: waits for it, then for the outbox to drain and for every
   * partition to be read to its end, so that a second decision would have been seen.
   */
  private ConsumerRecord<byte[], byte[]> onlyDecisionOf(SigningRequested request) throws Exception {
    String key = request.getRequestId().toString();
    decisions.await(key, found -> !found.isEmpty());
    Await.until("the outbox drained", WAIT, () -> outbox.count() == 0);
    List<ConsumerRecord<byte[], byte[]>> all = decisions.readToEnd(key);
    assertThat(all).as("decisions on request %s", key).hasSize(1);
    return all.get(0);
  }

  private void send(SigningRequested request) throws Exception {
    kafka.send(Topics.SIGNING_REQUESTS.name(), request.getRequestId().toString(), request);
  }

  private void send(String key, byte[] value) throws Exception {
    kafka.send(Topics.SIGNING_REQUESTS.name(), key, value);
  }

  /** A request under policy {@code verified} whose origin intake took from a verified token. */
  static SigningRequested verifiedRequest(String ref) {
    SigningRequested request = request("demo/app", "1.0");
    request.setSigningPolicy("verified");
    request.setOrigin(
        Origin.newBuilder()
            .setRepositoryUrl("acme/app")
            .setRef(ref)
            .setCommit("0123456789abcdef0123456789abcdef01234567")
            .setBuildUrl(null)
            .setVerified(true)
            .setIssuer("https://ci.example")
            .setClaims(Map.of("repository", "acme/app", "ref", ref, "sub", "repo:acme/app"))
            .build());
    return request;
  }

  static SigningRequested request(String repository, String... tags) {
    return SigningRequested.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setProject("demo")
        .setSigningPolicy("default")
        .setImages(
            List.of(
                ImageRef.newBuilder()
                    .setRegistry(REGISTRY)
                    .setRepository(repository)
                    .setDigest("sha256:" + "ef".repeat(32))
                    .setTags(List.of(tags))
                    .build()))
        .setMethods(List.of(SigningMethod.COSIGN))
        .setSubmitter(
            Submitter.newBuilder()
                .setKind(SubmitterKind.CI_TOKEN)
                .setName("ci")
                .setRemoteAddress("10.0.0.7")
                .build())
        .setDescription("integration test")
        .setOrigin(
            Origin.newBuilder()
                .setRepositoryUrl("https://git.example/demo/app")
                .setRef("refs/heads/main")
                .setCommit("0123456789abcdef0123456789abcdef01234567")
                .setBuildUrl("https://ci.example/builds/1")
                .setVerified(false)
                .setIssuer(null)
                .setClaims(Map.of())
                .build())
        .setWebhookDeliveryId(null)
        .build();
  }
}
