package dev.hallmark.audit;

import static dev.hallmark.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import dev.hallmark.events.SubmitterKind;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** audit-service consuming real Kafka topics into real PostgreSQL. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRecordingIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  final Infrastructure infra = TestInfrastructure.shared();
  final KafkaTestClient kafka = KafkaTestClient.of(infra);

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    return AuditServiceProperties.of(infra);
  }

  @AfterAll
  void closeProducer() {
    kafka.close();
  }

  @Test
  void event_onSigningRequestsTopic_isRecordedOnceEvenWhenRedelivered() throws Exception {
    SigningRequested event = signingRequested();
    byte[] bytes = EventCodec.standard().encode(event);

    send(Topics.SIGNING_REQUESTS.name(), event.getRequestId().toString(), bytes);
    List<Map<String, Object>> entries =
        await(() -> entriesOf(event.getRequestId().toString()), list -> !list.isEmpty());
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0))
        .containsEntry("eventId", event.getEventId().toString())
        .containsEntry("eventType", "SigningRequested")
        .containsEntry("sourceTopic", Topics.SIGNING_REQUESTS.name());

    // Redelivery of the same event, then a marker event on the same partition: once the
    // marker is recorded, the duplicate has been processed too.
    send(Topics.SIGNING_REQUESTS.name(), event.getRequestId().toString(), bytes);
    SigningRequested marker =
        signingRequested(event.getRequestId(), event.getImages().get(0).getDigest());
    send(
        Topics.SIGNING_REQUESTS.name(),
        event.getRequestId().toString(),
        EventCodec.standard().encode(marker));
    List<Map<String, Object>> after =
        await(() -> entriesOf(event.getRequestId().toString()), list -> list.size() >= 2);
    assertThat(after)
        .extracting(entry -> entry.get("eventId"))
        .containsExactly(event.getEventId().toString(), marker.getEventId().toString());

    List<Map<String, Object>> byDigest =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/audit?digest=" + event.getImages().get(0).getDigest()),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    assertThat(byDigest)
        .extracting(entry -> entry.get("eventId"))
        .contains(event.getEventId().toString(), marker.getEventId().toString());
  }

  @Test
  void decisionRejected_onSignaturesTopic_isRecordedOnceWithItsReason() throws Exception {
    SigningRequested request = signingRequested();
    ImageRef image = request.getImages().get(0);
    UUID decisionEventId = UUID.randomUUID();
    String reason = "decision " + decisionEventId + " is not authenticated: no authenticator";
    DecisionRejected rejected =
        DecisionRejected.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(request.getRequestId())
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setDecisionEventId(decisionEventId)
            .setImages(List.of(image))
            .setReason(reason)
            .build();
    byte[] bytes = EventCodec.standard().encode(rejected);

    send(Topics.SIGNATURES.name(), request.getRequestId().toString(), bytes);
    send(Topics.SIGNATURES.name(), request.getRequestId().toString(), bytes);
    // A marker after the duplicate, on the same partition.
    SigningRequested marker = signingRequested(request.getRequestId(), image.getDigest());
    send(
        Topics.SIGNATURES.name(),
        request.getRequestId().toString(),
        EventCodec.standard().encode(marker));
    List<Map<String, Object>> entries =
        await(() -> entriesOf(request.getRequestId().toString()), list -> list.size() >= 2);

    assertThat(entries)
        .extracting(entry -> entry.get("eventType"))
        .containsExactly("DecisionRejected", "SigningRequested");
    assertThat(entries.get(0))
        .containsEntry("eventId", rejected.getEventId().toString())
        .containsEntry("sourceTopic", Topics.SIGNATURES.name())
        .containsEntry("reason", reason);
    assertThat(entries.get(1).get("reason")).isNull();
    List<Map<String, Object>> byDigest =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/audit?digest=" + image.getDigest()),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    assertThat(byDigest)
        .extracting(entry -> entry.get("eventId"))
        .contains(rejected.getEventId().toString());
  }

  @Test
  void projectCatalogued_onProjectsTopic_isRecordedOnceWithActorProjectAndPolicies()
      throws Exception {
    String project = "audited-" + UUID.randomUUID().toString().substring(0, 8);
    String hash = "ab".repeat(32);
    ProjectCatalogued first = projectCatalogued(project, 1, hash, false);
    byte[] bytes = EventCodec.standard().encode(first);

    send(Topics.PROJECTS.name(), project, bytes);
    send(Topics.PROJECTS.name(), project, bytes);
    // A later revision on the same (single) partition: once it is recorded, so is the duplicate.
    ProjectCatalogued deleted = projectCatalogued(project, 2, hash, true);
    send(Topics.PROJECTS.name(), project, EventCodec.standard().encode(deleted));
    List<Map<String, Object>> entries =
        await(
            () ->
                http.toBlocking()
                    .retrieve(
                        HttpRequest.GET("/api/v1/audit?project=" + project),
                        Argument.listOf(Argument.mapOf(String.class, Object.class))),
            list -> list.size() >= 2);

    assertThat(entries)
        .extracting(entry -> entry.get("eventId"))
        .containsExactly(first.getEventId().toString(), deleted.getEventId().toString());
    assertThat(entries.get(0))
        .containsEntry("eventType", "ProjectCatalogued")
        .containsEntry("sourceTopic", Topics.PROJECTS.name())
        .containsEntry("actor", "alice")
        .containsEntry("project", project)
        .containsEntry("reason", "revision 1: policies [default v1, release v3], submitters [ci]");
    assertThat(entries.get(0).get("requestId")).isNull();
    assertThat(entries.get(1)).containsEntry("reason", "revision 2: project deleted");
    assertThat(entries.toString()).doesNotContain(hash);
  }

  @Test
  void decisionsOfApprovedRequest_areRecordedWithOutcomeReasonAndApprovers() throws Exception {
    SigningRequested request = signingRequested();
    String key = request.getRequestId().toString();
    PolicyDecision pending =
        decision(request, DecisionOutcome.PENDING_APPROVAL)
            .setReason("waiting for 2 approvals from group release of project demo")
            .build();
    PolicyDecision approved =
        decision(request, DecisionOutcome.APPROVED)
            .setMethods(List.of(SigningMethod.COSIGN))
            .setKeyId("demo-cosign")
            .setApprovers(List.of("alice", "bob"))
            .build();

    send(Topics.POLICY_DECISIONS.name(), key, EventCodec.standard().encode(pending));
    send(Topics.POLICY_DECISIONS.name(), key, EventCodec.standard().encode(approved));
    List<Map<String, Object>> entries = await(() -> entriesOf(key), list -> list.size() >= 2);

    assertThat(entries.get(0))
        .containsEntry("eventId", pending.getEventId().toString())
        .containsEntry("outcome", "PENDING_APPROVAL")
        .containsEntry("reason", "waiting for 2 approvals from group release of project demo")
        .doesNotContainKey("approvers");
    assertThat(entries.get(1))
        .containsEntry("eventId", approved.getEventId().toString())
        .containsEntry("outcome", "APPROVED")
        .containsEntry("approvers", "alice, bob")
        .doesNotContainKey("reason");
  }

  @Test
  void garbage_onSigningRequestsTopic_goesToDeadLetterTopicWithReason() throws Exception {
    String key = "garbage-" + UUID.randomUUID();
    send(Topics.SIGNING_REQUESTS.name(), key, "not an event".getBytes(StandardCharsets.UTF_8));

    ConsumerRecord<byte[], byte[]> parked = kafka.awaitDeadLetter(Services.AUDIT, key, WAIT);
    assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(header(parked, DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(header(parked, DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(Topics.SIGNING_REQUESTS.name());
    assertThat(entriesOf(key)).isEmpty();
  }

  private List<Map<String, Object>> entriesOf(String requestId) {
    return http.toBlocking()
        .retrieve(
            HttpRequest.GET("/api/v1/audit?requestId=" + requestId),
            Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  private void send(String topic, String key, byte[] value) throws Exception {
    kafka.send(topic, key, value);
  }

  private static <T> T await(Await.Probe<T> probe, Predicate<T> done) throws Exception {
    return Await.until("the audit entries", WAIT, probe, done);
  }

  static ProjectCatalogued projectCatalogued(
      String project, long revision, String tokenHash, boolean deleted) {
    return ProjectCatalogued.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setProject(project)
        .setRevision(revision)
        .setChangedBy("alice")
        .setDeleted(deleted)
        .setSubmitters(
            deleted
                ? List.of()
                : List.of(
                    CatalogueSubmitter.newBuilder()
                        .setName("ci")
                        .setTokenSha256(tokenHash)
                        .build()))
        .setPolicies(deleted ? List.of() : List.of(policy("default", 1), policy("release", 3)))
        .build();
  }

  static CataloguePolicy policy(String name, int version) {
    return CataloguePolicy.newBuilder()
        .setName(name)
        .setVersion(version)
        .setSubmitters(List.of("ci"))
        .setRepositories(List.of("127.0.0.1:15000/demo/*"))
        .setTags(List.of("*"))
        .setAutoSignPushes(false)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId("demo-cosign")
        .setIssuers(List.of())
        .setRequiresVerifiedOrigin(false)
        .setRequiredApprovals(0)
        .setApproverGroup(null)
        .build();
  }

  static PolicyDecision.Builder decision(SigningRequested request, DecisionOutcome outcome) {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(request.getRequestId())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setImages(request.getImages())
        .setOutcome(outcome)
        .setProject(request.getProject())
        .setSigningPolicy(request.getSigningPolicy())
        .setPolicyVersion(1);
  }

  static SigningRequested signingRequested() {
    return signingRequested(UUID.randomUUID());
  }

  static SigningRequested signingRequested(UUID requestId) {
    return signingRequested(
        requestId, "sha256:" + UUID.randomUUID().toString().replace("-", "").repeat(2));
  }

  static SigningRequested signingRequested(UUID requestId, String digest) {
    return SigningRequested.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(requestId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setProject("demo")
        .setSigningPolicy("default")
        .setImages(
            List.of(
                ImageRef.newBuilder()
                    .setRegistry("127.0.0.1:15000")
                    .setRepository("demo/app")
                    .setDigest(digest)
                    .setTags(List.of("1.0"))
                    .build()))
        .setMethods(List.of(SigningMethod.COSIGN))
        .setSubmitter(
            Submitter.newBuilder()
                .setKind(SubmitterKind.CI_TOKEN)
                .setName("it")
                .setRemoteAddress(null)
                .build())
        .setDescription(null)
        .setOrigin(null)
        .setWebhookDeliveryId(null)
        .build();
  }
}
