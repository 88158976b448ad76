package dev.hallmark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import dev.hallmark.events.SubmitterKind;
import dev.hallmark.policy.decision.DecisionRepository;
import dev.hallmark.policy.decision.DecisionRow;
import dev.hallmark.policy.decision.PendingDecisionRepository;
import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.runtime.outbox.OutboxRepository;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Human approvals (issue 7) against real Kafka and PostgreSQL, with the projects of {@code
 * projects-it.yml}: policy {@code demo/release} waits for two approvers of group {@code release},
 * {@code demo/hasty} too, but for 4 seconds only. Approver tokens are {@code it-<name>-token}.
 */
@MicronautTest(propertySources = "classpath:projects-it.yml", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String PROBLEM_JSON = "application/problem+json";
  final Infrastructure infra = TestInfrastructure.shared();
  final EventCodec codec = EventCodec.standard();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  KafkaTestClient kafka;
  TopicReader decisions;

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject DecisionRepository decisionRows;
  @Inject PendingDecisionRepository pendingRows;
  @Inject OutboxRepository outbox;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestDecisionKey.policyProperties());
    // Expired requests are denied within a fifth of a second, not five.
    properties.put("hallmark.policy.approvals.expiry-interval", "200ms");
    return properties;
  }

  @BeforeAll
  void connect() throws Exception {
    kafka = KafkaTestClient.of(infra);
    decisions = new TopicReader(infra.kafkaBootstrap(), Topics.POLICY_DECISIONS.name(), WAIT);
  }

  @AfterAll
  void disconnect() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (decisions != null) {
      decisions.close();
    }
  }

  @Test
  void approvals_twoOfTheGroup_yieldOneFinalApprovedDecisionNamingBoth() throws Exception {
    SigningRequested request = releaseRequest("ci");

    PolicyDecision pending = sendAndAwaitPending(request);
    assertThat(pending.getReason())
        .isEqualTo("waiting for 2 approvals from group release of project demo");
    assertThat(pending.getMethods()).isEmpty();
    assertThat(pending.getKeyId()).isNull();
    assertThat(pending.getApprovers()).isEmpty();
    assertThat(pending.getPolicyVersion()).isEqualTo(1);
    assertThat(TestDecisionKey.verifier().rejection(pending)).isEmpty();

    HttpResponse<String> first = decide(request, "alice", "approve", null);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    Map<String, Object> afterFirst = map(first);
    assertThat(afterFirst)
        .containsEntry("status", "PENDING_APPROVAL")
        .containsEntry("approved", 1)
        .containsEntry("required", 2)
        .containsEntry("group", "release");
    assertThat(approverNames(afterFirst)).containsExactly("alice");
    assertThat(decisionsOf(request)).as("one approval is not enough").hasSize(1);

    HttpResponse<String> second = decide(request, "bob", "approve", "checked the changelog");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    assertThat(map(second)).containsEntry("status", "APPROVED").containsEntry("approved", 2);

    List<PolicyDecision> all = decisionsOf(request);
    assertThat(all).as("the pending decision and exactly one final one").hasSize(2);
    PolicyDecision approved = all.get(1);
    assertThat(approved.getOutcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(approved.getEventId()).isNotEqualTo(pending.getEventId());
    assertThat(approved.getApprovers()).containsExactly("alice", "bob");
    assertThat(approved.getMethods()).containsExactly(SigningMethod.COSIGN);
    assertThat(approved.getKeyId()).isEqualTo("demo-cosign");
    assertThat(approved.getReason()).isNull();
    assertThat(approved.getPolicyVersion()).isEqualTo(1);
    assertThat(approved.getImages()).isEqualTo(request.getImages());
    assertThat(approved.getOrigin()).isEqualTo(request.getOrigin());
    assertThat(TestDecisionKey.verifier().rejection(approved)).isEmpty();

    DecisionRow row = decisionRows.findById(request.getRequestId()).orElseThrow();
    assertThat(row.outcome()).isEqualTo("APPROVED");
    assertThat(row.eventId()).isEqualTo(approved.getEventId());
    assertThat(row.keyId()).isEqualTo("demo-cosign");
    PendingDecisionRow kept = pendingRows.findById(request.getRequestId()).orElseThrow();
    assertThat(kept.pendingEventId()).isEqualTo(pending.getEventId());
    assertThat(kept.finalEventId()).isEqualTo(approved.getEventId());
    assertThat(kept.settlement()).isEqualTo("APPROVED");
  }

  @Test
  void selfApproval_byApproverWhoSubmittedTheRequest_is403AndNotCounted() throws Exception {
    SigningRequested request = releaseRequest("erin");
    sendAndAwaitPending(request);

    HttpResponse<String> refused = decide(request, "erin", "approve", null);

    assertProblem(refused, 403, "erin submitted request " + request.getRequestId());
    HttpResponse<String> next = decide(request, "alice", "approve", null);
    assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
    assertThat(approverNames(map(next))).containsExactly("alice");
    assertThat(map(next)).containsEntry("status", "PENDING_APPROVAL");
  }

  @Test
  void approval_twiceBySameApprover_is409AndCountsOnce() throws Exception {
    SigningRequested request = releaseRequest("ci");
    sendAndAwaitPending(request);

    assertThat(decide(request, "alice", "approve", null).statusCode()).isEqualTo(201);
    HttpResponse<String> again = decide(request, "alice", "approve", null);

    assertProblem(again, 409, "alice has already decided on request " + request.getRequestId());
    HttpResponse<String> bob = decide(request, "bob", "approve", null);
    assertThat(map(bob)).containsEntry("status", "APPROVED").containsEntry("approved", 2);
    assertThat(decisionsOf(request).get(1).getApprovers()).containsExactly("alice", "bob");
  }

  @Test
  void approval_byApproverOutsideTheGroup_is403NamingTheGroup() throws Exception {
    SigningRequested request = releaseRequest("ci");
    sendAndAwaitPending(request);

    HttpResponse<String> refused = decide(request, "dave", "approve", null);

    assertProblem(
        refused,
        403,
        "approver dave is not in group release, whose approval policy demo/release requires");
  }

  @Test
  void approval_unknownMissingOrCiToken_is401WithChallenge() throws Exception {
    SigningRequested request = releaseRequest("ci");
    sendAndAwaitPending(request);
    String body = "{\"decision\":\"approve\"}";

    for (String authorization : List.of("Bearer not-a-token", "Bearer it-ci-token", "")) {
      HttpResponse<String> refused =
          post(approvalsUri(request.getRequestId()), authorization, body);
      assertThat(refused.statusCode()).as(authorization).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"hallmark\"");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
      assertThat(refused.body()).doesNotContain("not-a-token").doesNotContain("it-ci-token");
    }
    HttpResponse<String> list = get("/api/v1/approvals?status=pending", "Bearer nope");
    assertThat(list.statusCode()).isEqualTo(401);
  }

  @Test
  void approval_ofUnknownRequest_is404() throws Exception {
    HttpResponse<String> refused =
        post(
            approvalsUri(UUID.randomUUID()), "Bearer it-alice-token", "{\"decision\":\"approve\"}");

    assertProblem(refused, 404, "waits for your approval");
  }

  @Test
  void rejection_byOneApprover_yieldsFinalDeniedDecisionNamingThemAndTheComment() throws Exception {
    SigningRequested request = releaseRequest("ci");
    sendAndAwaitPending(request);
    assertThat(decide(request, "alice", "approve", null).statusCode()).isEqualTo(201);

    HttpResponse<String> rejected = decide(request, "bob", "reject", "  not this build  ");

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(201);
    assertThat(map(rejected))
        .containsEntry("status", "DENIED")
        .containsEntry("reason", "rejected by bob: not this build");
    List<PolicyDecision> all = decisionsOf(request);
    assertThat(all).hasSize(2);
    PolicyDecision denied = all.get(1);
    assertThat(denied.getOutcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(denied.getReason()).isEqualTo("rejected by bob: not this build");
    assertThat(denied.getMethods()).isEmpty();
    assertThat(denied.getKeyId()).isNull();
    assertThat(denied.getApprovers()).isEmpty();
    assertThat(TestDecisionKey.verifier().rejection(denied)).isEmpty();
    assertThat(decisionRows.findById(request.getRequestId()).orElseThrow().outcome())
        .isEqualTo("DENIED");

    assertProblem(
        decide(request, "carol", "approve", null),
        409,
        "request " + request.getRequestId() + " is no longer pending: rejected");
  }

  @Test
  void expiry_pendingLongerThanExpiresAfter_yieldsFinalDeniedDecisionCountingApprovals()
      throws Exception {
    SigningRequested request = releaseRequest("ci");
    request.setSigningPolicy("hasty");
    sendAndAwaitPending(request);
    assertThat(decide(request, "alice", "approve", null).statusCode()).isEqualTo(201);

    List<ConsumerRecord<byte[], byte[]>> records =
        decisions.await(request.getRequestId().toString(), found -> found.size() >= 2);

    PolicyDecision denied = codec.decode(records.get(1).value(), PolicyDecision.class);
    assertThat(denied.getOutcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(denied.getReason()).isEqualTo("approval expired after 4s with 1 of 2 approvals");
    assertThat(TestDecisionKey.verifier().rejection(denied)).isEmpty();
    PendingDecisionRow expired = pendingRows.findById(request.getRequestId()).orElseThrow();
    assertThat(expired.settlement()).isEqualTo("EXPIRED");
    assertThat(expired.settledAt()).isAfterOrEqualTo(expired.expiresAt());
    assertProblem(
        decide(request, "bob", "approve", null),
        409,
        "request " + request.getRequestId() + " is no longer pending: expired");
    assertThat(decisionsOf(request)).hasSize(2);
  }

  @Test
  void concurrentApprovals_threeApproversAtOnce_yieldExactlyOneFinalDecision() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 5; round++) {
        SigningRequested request = releaseRequest("ci");
        sendAndAwaitPending(request);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String approver : List.of("alice", "bob", "carol")) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return decide(request, approver, "approve", null);
                  }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
          statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
        }

        // Taken one after the other: two count, the third finds the request settled.
        assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 201, 409);
        List<PolicyDecision> all = decisionsOf(request);
        assertThat(all).as("round %d", round).hasSize(2);
        assertThat(all.get(1).getOutcome()).isEqualTo(DecisionOutcome.APPROVED);
        assertThat(all.get(1).getApprovers()).hasSize(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pendingList_showsRequestToApproversWhoMayApprove_andHidesItFromOtherProjects()
      throws Exception {
    SigningRequested request = releaseRequest("ci");
    sendAndAwaitPending(request);
    String id = request.getRequestId().toString();

    Map<String, Object> listed = listed("alice", id);
    assertThat(listed)
        .containsEntry("project", "demo")
        .containsEntry("policy", "release")
        .containsEntry("policyVersion", 1)
        .containsEntry("submitter", "ci")
        .containsEntry("required", 2)
        .containsEntry("group", "release")
        .containsEntry("methods", List.of("cosign"))
        .containsKey("expiresAt");
    assertThat(listed.get("images"))
        .isEqualTo(
            List.of(
                Map.of(
                    "registry",
                    "127.0.0.1:15000",
                    "repository",
                    "demo/app",
                    "digest",
                    "sha256:" + "ef".repeat(32),
                    "tags",
                    List.of("1.0"))));
    @SuppressWarnings("unchecked")
    Map<String, Object> origin = (Map<String, Object>) listed.get("origin");
    assertThat(origin)
        .containsEntry("repositoryUrl", "https://git.example/demo/app")
        .containsEntry("verified", false);
    assertThat(listed("olga", id)).as("an approver of another project").isNull();
    assertThat(listed("dave", id)).as("an approver outside the group").isNull();
    assertProblem(decide(request, "olga", "approve", null), 404, "waits for your approval");

    assertThat(decide(request, "alice", "approve", null).statusCode()).isEqualTo(201);
    assertThat(listed("alice", id)).as("decided by alice already").isNull();
    assertThat(approverNames(listed("bob", id))).containsExactly("alice");
  }

  @Test
  void pendingList_ofRequestSubmittedByTheApprover_doesNotShowIt() throws Exception {
    SigningRequested request = releaseRequest("erin");
    sendAndAwaitPending(request);

    assertThat(listed("erin", request.getRequestId().toString())).isNull();
    assertThat(listed("alice", request.getRequestId().toString())).isNotNull();
  }

  @Test
  void badRequest_decisionOrCommentOrStatus_is400NamingTheField() throws Exception {
    SigningRequested request = releaseRequest("ci");
    sendAndAwaitPending(request);

    HttpResponse<String> badDecision =
        post(
            approvalsUri(request.getRequestId()),
            "Bearer it-alice-token",
            "{\"decision\":\"maybe\"}");
    assertProblem(badDecision, 400, "decision: must be approve or reject");
    assertThat(badDecision.body()).contains("\"field\":\"decision\"");

    HttpResponse<String> noDecision =
        post(approvalsUri(request.getRequestId()), "Bearer it-alice-token", "{}");
    assertThat(noDecision.body()).contains("\"field\":\"decision\"");

    HttpResponse<String> longComment = decide(request, "alice", "approve", "x".repeat(1001));
    assertProblem(longComment, 400, "comment: must be at most 1000 characters");
    assertThat(longComment.body()).contains("\"field\":\"comment\"");

    HttpResponse<String> badStatus = get("/api/v1/approvals?status=done", "Bearer it-alice-token");
    assertProblem(badStatus, 400, "status: must be pending");

    HttpResponse<String> badId =
        post(
            server.getURI().resolve("/api/v1/signing-requests/nope/approvals"),
            "Bearer it-alice-token",
            "{\"decision\":\"approve\"}");
    assertProblem(badId, 400, "id: must be a request id (UUID)");

    // None of it counted.
    assertThat(approverNames(listed("bob", request.getRequestId().toString()))).isEmpty();
  }

  private PolicyDecision sendAndAwaitPending(SigningRequested request) throws Exception {
    kafka.send(Topics.SIGNING_REQUESTS.name(), request.getRequestId().toString(), request);
    ConsumerRecord<byte[], byte[]> first =
        decisions.await(request.getRequestId().toString(), found -> !found.isEmpty()).get(0);
    PolicyDecision decision = codec.decode(first.value(), PolicyDecision.class);
    assertThat(decision.getOutcome())
        .as(decision.getReason())
        .isEqualTo(DecisionOutcome.PENDING_APPROVAL);
    return decision;
  }

  /**
   * Every decision on a request, after the outbox drained and every partition was read to its end,
   * so that one more would have been seen.
   */
  private List<PolicyDecision> decisionsOf(SigningRequested request) throws Exception {
    Await.until("the outbox drained", WAIT, () -> outbox.count() == 0);
    return decisions.readToEnd(request.getRequestId().toString()).stream()
        .map(record -> codec.decode(record.value(), PolicyDecision.class))
        .toList();
  }

  private HttpResponse<String> decide(
      SigningRequested request, String approver, String decision, String comment)
      throws IOException, InterruptedException {
    String body =
        comment == null
            ? json.writeValueAsString(Map.of("decision", decision))
            : json.writeValueAsString(Map.of("decision", decision, "comment", comment));
    return post(approvalsUri(request.getRequestId()), "Bearer it-" + approver + "-token", body);
  }

  /** The approver's pending entry for the request; null when it is not listed. */
  private Map<String, Object> listed(String approver, String requestId) throws Exception {
    HttpResponse<String> answer =
        get("/api/v1/approvals?status=pending", "Bearer it-" + approver + "-token");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<Map<String, Object>> entries =
        json.readValue(answer.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    return entries.stream()
        .filter(entry -> requestId.equals(entry.get("requestId")))
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static List<String> approverNames(Map<String, Object> state) {
    return ((List<Map<String, Object>>) state.get("approvals"))
        .stream().map(approval -> (String) approval.get("approver")).toList();
  }

  private Map<String, Object> map(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }

  private void assertProblem(HttpResponse<String> response, int status, String detailPart)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat((String) map(response).get("detail")).contains(detailPart);
  }

  private URI approvalsUri(UUID requestId) {
    return server.getURI().resolve("/api/v1/signing-requests/" + requestId + "/approvals");
  }

  private HttpResponse<String> post(URI uri, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(server.getURI().resolve(path))
            .header("Authorization", authorization)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A CI request under policy {@code release}, by a submitter of the project. */
  static SigningRequested releaseRequest(String submitter) {
    SigningRequested request = SigningRequestDecisionIT.request("demo/app", "1.0");
    request.setSigningPolicy("release");
    request.setSubmitter(
        Submitter.newBuilder()
            .setKind(SubmitterKind.CI_TOKEN)
            .setName(submitter)
            .setRemoteAddress("10.0.0.7")
            .build());
    return request;
  }
}
