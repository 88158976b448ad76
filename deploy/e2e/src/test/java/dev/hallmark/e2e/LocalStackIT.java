package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.images.TestImages.PushedIndex;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.PublicKeys;
import dev.hallmark.deploy.local.verify.VerificationResult;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.StackSession;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's run command, for real: {@code deploy/local/stack up} starts Kafka, PostgreSQL, the
 * registry, SoftHSM and the five packaged services as processes, and its demo push is signed.
 * Images pushed with skopeo are signed through the webhook and CI paths, and every signature is
 * checked with {@link CosignVerifier}, which shares no code with the services; {@code down} leaves
 * nothing listening. The stack runs in a state directory and on ports of its own, so a developer's
 * stack is not touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  StackSession stack;
  Map<String, String> stackEnv;
  String upOutput;
  Path stateDir;

  @BeforeAll
  void up() throws Exception {
    stack = StackSession.up();
    stackEnv = stack.stackEnv();
    upOutput = stack.upOutput();
    stateDir = stack.stateDir();
  }

  @AfterAll
  void down() throws Exception {
    stack.down();
    for (String variable : StackSession.PORT_VARIABLES) {
      int port = stack.port(variable);
      assertThat(isListening(port))
          .as("%s (%d) still listening after down", variable, port)
          .isFalse();
    }
  }

  @Test
  @Order(1)
  void up_writesStackEnvWithEveryEndpoint() {
    assertThat(stackEnv)
        .containsKeys(
            "HALLMARK_INTAKE_URL",
            "HALLMARK_POLICY_URL",
            "HALLMARK_SIGNER_URL",
            "HALLMARK_PUBLISHER_URL",
            "HALLMARK_AUDIT_URL",
            "HALLMARK_KAFKA_BOOTSTRAP",
            "HALLMARK_JDBC_URL",
            "HALLMARK_REGISTRY",
            "HALLMARK_CI_TOKEN",
            "HALLMARK_APPROVER_TOKEN",
            "HALLMARK_APPROVER2_TOKEN",
            "HALLMARK_ADMIN_TOKEN",
            "HALLMARK_AUDIT_TOKEN",
            "HALLMARK_APPROVAL_POLICY",
            "HALLMARK_WEBHOOK_SECRET",
            "HALLMARK_COSIGN_KEY_ID",
            "HALLMARK_COSIGN_PUBLIC_KEY");
    assertThat(stackEnv.get("HALLMARK_INTAKE_URL"))
        .endsWith(":" + stack.port("HALLMARK_INTAKE_PORT"));
  }

  @Test
  @Order(2)
  void up_everyServiceHealthIsUp() throws Exception {
    for (String url :
        List.of(
            "HALLMARK_INTAKE_URL",
            "HALLMARK_POLICY_URL",
            "HALLMARK_SIGNER_URL",
            "HALLMARK_PUBLISHER_URL",
            "HALLMARK_AUDIT_URL")) {
      HttpResponse<String> health = get(stackEnv.get(url) + "/health");
      assertThat(health.statusCode()).as(url).isEqualTo(200);
      assertThat(health.body()).as(url).contains("\"status\":\"UP\"");
    }
  }

  @Test
  @Order(3)
  void up_demo_pushedImageWasSignedAndVerified() {
    assertThat(upOutput)
        .contains("demo: verified cosign signature with key")
        .contains("docker-reference " + stackEnv.get("HALLMARK_REGISTRY") + "/demo/app");
  }

  @Test
  @Order(4)
  void ciRequest_twoPushedImages_completesWithVerifyingSignatures() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage first = TestImages.push(registry, "demo/ci", "1.0");
    PushedImage second = TestImages.push(registry, "demo/ci", "2.0");
    String body =
        """
        {"project": "demo", "signingPolicy": "cosign", "methods": ["cosign"],
         "artifacts": [{"repository": "%s/demo/ci", "digest": "%s", "tags": ["1.0"]},
                       {"repository": "%s/demo/ci", "digest": "%s", "tags": ["2.0"]}],
         "origin": {"repositoryUrl": "https://git.example/acme/app", "ref": "refs/heads/main",
                    "commit": "0123abc", "buildUrl": "https://ci.example/builds/1"}}
        """
            .formatted(registry, first.digest(), registry, second.digest());

    HttpResponse<String> accepted = submit(body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = field(accepted.body(), "id");

    String status = awaitStatus(id, "COMPLETED");
    for (PushedImage image : List.of(first, second)) {
      assertThat(status)
          .contains(
              "\"location\":\""
                  + registry
                  + "/demo/ci:"
                  + image.digest().replace(':', '-')
                  + ".sig\"");
      VerificationResult verified =
          CosignVerifier.verify(registry, "demo/ci", image.digest(), publicKey());
      assertThat(verified.isVerified()).as("%s: %s", image, verified).isTrue();
    }
    String byDigest = stackEnv.get("HALLMARK_AUDIT_URL") + "/api/v1/audit?digest=" + first.digest();
    assertThat(get(byDigest).statusCode()).as("the audit API without its token").isEqualTo(401);
    String audit = getAudit(byDigest).body();
    assertThat(audit)
        .contains("SigningRequested")
        .contains("PolicyDecision")
        .contains("SignatureCreated")
        .contains("SignaturePublished");
  }

  @Test
  @Order(4)
  void ciRequest_byTagAndRecursiveIndex_resolvesAtIntakeAndSignsEveryManifest() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage byTag = TestImages.push(registry, "demo/tagged", "release-1");
    PushedIndex index = TestImages.pushIndex(registry, "demo/multi", "1.0");
    String body =
        """
        {"project": "demo", "signingPolicy": "cosign",
         "artifacts": [{"repository": "%s/demo/tagged", "tags": ["release-1"]},
                       {"repository": "%s/demo/multi", "digest": "%s", "tags": ["1.0"],
                        "recursive": true}]}
        """
            .formatted(registry, registry, index.indexDigest());

    HttpResponse<String> accepted = submit(body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    awaitStatus(field(accepted.body(), "id"), "COMPLETED");

    assertThat(
            CosignVerifier.verify(registry, "demo/tagged", byTag.digest(), publicKey())
                .isVerified())
        .as("tag resolved to the digest the registry reports")
        .isTrue();
    List<String> manifests = new java.util.ArrayList<>(index.platformDigests().values());
    manifests.add(index.indexDigest());
    for (String digest : manifests) {
      assertThat(CosignVerifier.verify(registry, "demo/multi", digest, publicKey()).isVerified())
          .as("signature of %s", digest)
          .isTrue();
    }
  }

  @Test
  @Order(4)
  void twoKeysOnOneDigest_bothSignaturesPresentAndVerify() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage image = TestImages.push(registry, "demo/twokeys", "1.0");
    awaitVerifiedCount(image, 1); // policy cosign signs the push with the ECDSA key
    String body =
        """
        {"project": "demo", "signingPolicy": "rsa",
         "artifacts": [{"repository": "%s/demo/twokeys", "digest": "%s", "tags": ["1.0"]}]}
        """
            .formatted(registry, image.digest());

    HttpResponse<String> accepted = submit(body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    awaitStatus(field(accepted.body(), "id"), "COMPLETED");

    PublicKey rsa =
        PublicKeys.fromPem(
            Files.readString(Path.of(stackEnv.get("HALLMARK_COSIGN_RSA_PUBLIC_KEY"))));
    VerificationResult withRsa =
        CosignVerifier.verify(registry, "demo/twokeys", image.digest(), rsa);
    VerificationResult withEc =
        CosignVerifier.verify(registry, "demo/twokeys", image.digest(), publicKey());
    assertThat(withRsa.verified()).as("RSA signature: %s", withRsa).hasSize(1);
    assertThat(withEc.verified()).as("ECDSA signature: %s", withEc).hasSize(1);
    assertThat(withRsa.verified().get(0).layer()).isNotEqualTo(withEc.verified().get(0).layer());
  }

  /**
   * Issue 7's acceptance: an APPROVED decision that policy-service did not authenticate, written
   * straight into the decisions topic (twice), for an image nothing else signs ({@code builds/*}
   * pushes are not auto-signed): no signature, and exactly one audit entry saying why. It names a
   * real request that waits for approvals, and intake's status of that request does not move: both
   * deliveries are parked on intake's dead-letter topic with the reason, and it stays {@code
   * PENDING_APPROVAL}.
   */
  @Test
  @Order(4)
  void forgedDecision_writtenToKafka_isNotSignedAndAuditedOnceWithTheReason() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage image = TestImages.push(registry, "builds/forged", "1.0");
    // A genuine request for the same digest that waits for two approvers (given by digest, so
    // nothing is pushed to demo/forged and nothing auto-signs it): what a forger would approve.
    String pending = submitRelease(image, "demo/forged", "1.0");
    awaitStatus(pending, "PENDING_APPROVAL");
    PolicyDecision forged =
        PolicyDecision.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.fromString(pending))
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setImages(
                List.of(
                    ImageRef.newBuilder()
                        .setRegistry(registry)
                        .setRepository("builds/forged")
                        .setDigest(image.digest())
                        .setTags(List.of("1.0"))
                        .build()))
            .setOutcome(DecisionOutcome.APPROVED)
            .setProject("demo")
            .setSigningPolicy("builds")
            .setPolicyVersion(1)
            .setMethods(List.of(SigningMethod.COSIGN))
            .setKeyId(stackEnv.get("HALLMARK_COSIGN_KEY_ID"))
            .setAuthenticator(null)
            .build();
    byte[] bytes = EventCodec.standard().encode(forged);
    try (KafkaTestClient kafka = new KafkaTestClient(stackEnv.get("HALLMARK_KAFKA_BOOTSTRAP"))) {
      for (int delivery = 0; delivery < 2; delivery++) {
        kafka.send(Topics.POLICY_DECISIONS.name(), forged.getRequestId().toString(), bytes);
      }
    }

    String audit =
        stackEnv.get("HALLMARK_AUDIT_URL") + "/api/v1/audit?requestId=" + forged.getRequestId();
    Await.until(
        "the forged decision's rejection in the audit log",
        Duration.ofSeconds(60),
        () -> getAudit(audit).body().contains("\"DecisionRejected\""));
    Thread.sleep(2000); // a second rejection, if the redelivery made one, would be there now
    JsonNode entries = new ObjectMapper().readTree(getAudit(audit).body());
    List<JsonNode> rejections = new ArrayList<>();
    entries.forEach(
        entry -> {
          if (entry.path("eventType").asText().equals("DecisionRejected")) {
            rejections.add(entry);
          }
        });
    assertThat(rejections).as("DecisionRejected entries: %s", entries).hasSize(1);
    assertThat(rejections.get(0).path("reason").asText())
        .isEqualTo("decision " + forged.getEventId() + " is not authenticated: no authenticator");

    assertThat(
            CosignVerifier.verify(registry, "builds/forged", image.digest(), publicKey())
                .verified())
        .isEmpty();
    assertThat(
            getAudit(stackEnv.get("HALLMARK_AUDIT_URL") + "/api/v1/audit?digest=" + image.digest())
                .body())
        .contains("DecisionRejected")
        .doesNotContain("SignatureCreated");

    List<String> parkedReasons =
        Await.until(
            "both deliveries parked by intake",
            Duration.ofSeconds(60),
            () -> intakeDeadLetterReasons(bytes),
            reasons -> reasons.size() >= 2);
    assertThat(parkedReasons)
        .as("both deliveries parked by intake")
        .containsExactly(
            "decision " + forged.getEventId() + " is not authenticated: no authenticator",
            "decision " + forged.getEventId() + " is not authenticated: no authenticator");
    assertThat(awaitStatus(pending, "PENDING_APPROVAL"))
        .contains("\"reason\":\"waiting for 2 approvals from group release of project demo\"")
        .doesNotContain("SIGNING");
  }

  /** The reasons intake parked records with these bytes for, from its dead-letter topic. */
  private List<String> intakeDeadLetterReasons(byte[] value) {
    try (KafkaTestClient kafka = new KafkaTestClient(stackEnv.get("HALLMARK_KAFKA_BOOTSTRAP"))) {
      return kafka.deadLetters(Services.INTAKE).stream()
          .filter(record -> Arrays.equals(record.value(), value))
          .map(record -> KafkaTestClient.header(record, DeadLetterHeaders.REASON))
          .filter(Objects::nonNull)
          .toList();
    }
  }

  /**
   * Issue 7's acceptance for human approvals: a CI request under policy {@code release} waits for
   * two approvers of group {@code release}; the CI token cannot approve it (it is no approver's);
   * one approval leaves it waiting and unsigned; the second has it signed and published. The image
   * is in {@code demo/*}, so policy {@code cosign} signs its push first: the release request's
   * signature is the second one.
   */
  @Test
  @Order(4)
  void releasePolicy_twoApprovals_signAndPublish_oneApprovalDoesNot() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage image = TestImages.push(registry, "demo/release", "1.0");
    int pushSigned = awaitVerifiedCount(image, 1);
    String id = submitRelease(image, "demo/release", "1.0");

    assertThat(awaitStatus(id, "PENDING_APPROVAL"))
        .contains("\"reason\":\"waiting for 2 approvals from group release of project demo\"");
    assertThat(decide(id, stackEnv.get("HALLMARK_CI_TOKEN"), "approve", null).statusCode())
        .as("the CI token is no approver token")
        .isEqualTo(401);
    assertThat(pendingApprovals(stackEnv.get("HALLMARK_APPROVER_TOKEN"))).contains(id);

    HttpResponse<String> first =
        decide(id, stackEnv.get("HALLMARK_APPROVER_TOKEN"), "approve", null);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(first.body()).contains("\"status\":\"PENDING_APPROVAL\"");
    Thread.sleep(3000); // a signature, if one approval were enough, would be there now
    assertThat(awaitStatus(id, "PENDING_APPROVAL")).doesNotContain(".sig\"");
    assertThat(
            CosignVerifier.verify(registry, "demo/release", image.digest(), publicKey()).verified())
        .hasSize(pushSigned);

    HttpResponse<String> second =
        decide(id, stackEnv.get("HALLMARK_APPROVER2_TOKEN"), "approve", "release 1.0");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    assertThat(second.body()).contains("\"status\":\"APPROVED\"");
    assertThat(awaitStatus(id, "COMPLETED"))
        .contains(
            "\"location\":\""
                + registry
                + "/demo/release:"
                + image.digest().replace(':', '-')
                + ".sig\"");
    assertThat(awaitVerifiedCount(image, pushSigned + 1)).isEqualTo(pushSigned + 1);

    JsonNode entries =
        new ObjectMapper()
            .readTree(
                getAudit(stackEnv.get("HALLMARK_AUDIT_URL") + "/api/v1/audit?requestId=" + id)
                    .body());
    List<String> decisions = new ArrayList<>();
    entries.forEach(
        entry -> {
          if (entry.path("eventType").asText().equals("PolicyDecision")) {
            decisions.add(
                entry.path("outcome").asText() + " " + entry.path("approvers").asText(""));
          }
        });
    assertThat(decisions).containsExactly("PENDING_APPROVAL ", "APPROVED alice, bob");
  }

  /** One rejection denies a release request, and intake's status says who and why. */
  @Test
  @Order(4)
  void releasePolicy_rejectedByOneApprover_isDeniedWithTheReason() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage image = TestImages.push(registry, "demo/rejected", "1.0");
    String id = submitRelease(image, "demo/rejected", "1.0");
    awaitStatus(id, "PENDING_APPROVAL");

    HttpResponse<String> rejected =
        decide(id, stackEnv.get("HALLMARK_APPROVER2_TOKEN"), "reject", "not this build");

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(201);
    assertThat(awaitStatus(id, "DENIED"))
        .contains("\"reason\":\"rejected by bob: not this build\"");
    assertThat(decide(id, stackEnv.get("HALLMARK_APPROVER_TOKEN"), "approve", null).statusCode())
        .as("a settled request takes no more verdicts")
        .isEqualTo(409);
  }

  private String submitRelease(PushedImage image, String repository, String tag) throws Exception {
    String body =
        """
        {"project": "demo", "signingPolicy": "%s", "methods": ["cosign"],
         "artifacts": [{"repository": "%s/%s", "digest": "%s", "tags": ["%s"]}]}
        """
            .formatted(
                stackEnv.get("HALLMARK_APPROVAL_POLICY"),
                stackEnv.get("HALLMARK_REGISTRY"),
                repository,
                image.digest(),
                tag);
    HttpResponse<String> accepted = submit(body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return field(accepted.body(), "id");
  }

  private HttpResponse<String> decide(String id, String token, String decision, String comment)
      throws IOException, InterruptedException {
    String body =
        comment == null
            ? "{\"decision\":\"" + decision + "\"}"
            : "{\"decision\":\"" + decision + "\",\"comment\":\"" + comment + "\"}";
    return stack.send(
        "POST",
        stackEnv.get("HALLMARK_POLICY_URL") + "/api/v1/signing-requests/" + id + "/approvals",
        token,
        body);
  }

  private String pendingApprovals(String token) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        stack.get(stackEnv.get("HALLMARK_POLICY_URL") + "/api/v1/approvals?status=pending", token);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  @Test
  @Order(5)
  void webhook_sameDeliveryTwice_addsOneSignature() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage image = TestImages.push(registry, "demo/hook", "1.0");
    int before = awaitVerifiedCount(image, 1); // the registry's own notification
    String envelope =
        """
        {"events": [{"id": "%s", "action": "push",
          "target": {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                     "digest": "%s", "repository": "demo/hook", "tag": "1.0"},
          "request": {"host": "%s"}}]}
        """
            .formatted(java.util.UUID.randomUUID(), image.digest(), registry);

    for (int delivery = 0; delivery < 2; delivery++) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(stackEnv.get("HALLMARK_INTAKE_URL") + "/api/v1/webhooks/registry"))
                  .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                  .header("Authorization", "Bearer " + stackEnv.get("HALLMARK_WEBHOOK_SECRET"))
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString(envelope))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    assertThat(awaitVerifiedCount(image, before + 1)).isEqualTo(before + 1);
    Thread.sleep(2000); // a second signature, if the duplicate created one, would be there now
    assertThat(CosignVerifier.verify(registry, "demo/hook", image.digest(), publicKey()).verified())
        .hasSize(before + 1);
  }

  @Test
  @Order(6)
  void status_whileUp_reportsEveryComponentRunning() throws Exception {
    StackSession.CommandResult status = stack.stack("status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    for (String component :
        List.of(
            "postgres",
            "kafka",
            "registry",
            "intake-service",
            "policy-service",
            "signer-service",
            "registry-publisher",
            "audit-service")) {
      assertThat(status.output()).contains(component);
    }
  }

  @Test
  @Order(7)
  void badRequest_answersProblemJsonNamingTheField() throws Exception {
    HttpResponse<String> rejected =
        submit(
            "{\"project\":\"demo\",\"signingPolicy\":\"default\",\"artifacts\":"
                + "[{\"repository\":\"NOT A REPO\",\"digest\":\"sha256:00\"}]}");
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(rejected.body())
        .contains("\"field\":\"artifacts[0].repository\"")
        .contains("\"field\":\"artifacts[0].digest\"");
  }

  /** The benchmark's smoke run: every phase completes and the JSON has the documented fields. */
  @Test
  @Order(4)
  void notary_tagRequested_isListedByTheNotaryClientUnderTargetsReleases_andKeepsEarlierTags()
      throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage first = TestImages.push(registry, "demo/app", "e2e-first");
    PushedImage second = TestImages.push(registry, "demo/app", "e2e-second");

    awaitStatus(notaryRequest(first, "1.0"), "COMPLETED");
    awaitStatus(notaryRequest(second, "2.0"), "COMPLETED");

    Map<String, NotaryCli.Target> listed = notaryList();
    assertNotaryTarget(listed, "1.0", first);
    assertNotaryTarget(listed, "2.0", second);
  }

  @Test
  @Order(4)
  void notary_twoTagsRequestedAtOnce_bothArePublished() throws Exception {
    String registry = stackEnv.get("HALLMARK_REGISTRY");
    PushedImage a = TestImages.push(registry, "demo/app", "e2e-a");
    PushedImage b = TestImages.push(registry, "demo/app", "e2e-b");

    String first = notaryRequest(a, "3.0");
    String second = notaryRequest(b, "4.0");
    awaitStatus(first, "COMPLETED");
    awaitStatus(second, "COMPLETED");

    Map<String, NotaryCli.Target> listed = notaryList();
    assertNotaryTarget(listed, "3.0", a);
    assertNotaryTarget(listed, "4.0", b);
  }

  private String notaryRequest(PushedImage image, String tag) throws Exception {
    String body =
        """
        {"project": "demo", "signingPolicy": "default", "methods": ["notary"],
         "artifacts": [{"repository": "%s/demo/app", "digest": "%s", "tags": ["%s"]}]}
        """
            .formatted(stackEnv.get("HALLMARK_REGISTRY"), image.digest(), tag);
    HttpResponse<String> accepted = submit(body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return field(accepted.body(), "id");
  }

  /** {@code notary list} with a fresh trust directory that trusts only the pinned root. */
  private Map<String, NotaryCli.Target> notaryList() {
    String gun = stackEnv.get("HALLMARK_NOTARY_GUN");
    Path pinning = Path.of(stackEnv.get("HALLMARK_NOTARY_TRUST_PINNING"));
    NotaryCli.RootPin pin =
        new NotaryCli.RootPin(gun, TrustPinningFile.rootKeyIds(pinning, gun).orElseThrow().get(0));
    NotaryCli client =
        NotaryCli.open(stateDir.resolve("e2e-notary-client"), stackEnv.get("HALLMARK_NOTARY_URL"));
    Map<String, NotaryCli.Target> byTag = new LinkedHashMap<>();
    for (NotaryCli.Target target : client.list(gun, pin)) {
      byTag.put(target.name(), target);
    }
    return byTag;
  }

  private void assertNotaryTarget(
      Map<String, NotaryCli.Target> listed, String tag, PushedImage image) throws Exception {
    assertThat(listed).as("notary list: %s", listed.keySet()).containsKey(tag);
    NotaryCli.Target target = listed.get(tag);
    assertThat("sha256:" + target.sha256Hex()).isEqualTo(image.digest());
    assertThat(target.role()).isEqualTo("targets/releases");
    assertThat(target.size()).isEqualTo(TestImages.manifestSize(image));
  }

  @Test
  @Order(8)
  void bench_smallRun_signsEveryImageAndWritesTheResults() throws Exception {
    StackSession.CommandResult bench =
        stack.stack(
            "bench",
            "--images",
            "4",
            "--concurrency",
            "2",
            "--hsm-seconds",
            "0.5",
            "--timeout-seconds",
            "60");
    assertThat(bench.exitCode()).as(bench.output()).isZero();
    assertThat(bench.output()).contains("raw HSM").contains("pipeline CI").contains("ratio");

    JsonNode result = new ObjectMapper().readTree(stateDir.resolve("bench/latest.json").toFile());
    for (String rate :
        List.of(
            "raw_hsm_per_s", "raw_registry_per_s", "pipeline_ci_per_s", "pipeline_webhook_per_s")) {
      assertThat(result.path(rate).asDouble()).as(rate).isPositive();
    }
    assertThat(result.path("complete").asBoolean()).isTrue();
    assertThat(result.path("latency_ms").path("count").asInt()).isEqualTo(4);
    assertThat(result.path("latency_ms").path("p99").asDouble()).isPositive();
    assertThat(result.path("rss_mb").path("registry-publisher").asDouble()).isPositive();
  }

  @Test
  @Order(9)
  void bench_badOption_isRefusedWithUsage() throws Exception {
    StackSession.CommandResult bench = stack.stack("bench", "--images", "none");
    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.output())
        .contains("--images must be an integer")
        .contains("usage: stack bench");
  }

  private HttpResponse<String> submit(String body) throws IOException, InterruptedException {
    return stack.submit(body);
  }

  private String awaitStatus(String id, String expected) throws Exception {
    return stack.awaitStatus(id, expected);
  }

  private int awaitVerifiedCount(PushedImage image, int atLeast) throws Exception {
    return Await.until(
        atLeast + " verifying signatures of " + image,
        Duration.ofSeconds(60),
        () ->
            CosignVerifier.verify(
                    stackEnv.get("HALLMARK_REGISTRY"),
                    image.repository(),
                    image.digest(),
                    publicKey())
                .verified()
                .size(),
        count -> count >= atLeast);
  }

  private PublicKey publicKey() throws IOException {
    return PublicKeys.fromPem(
        Files.readString(Path.of(stackEnv.get("HALLMARK_COSIGN_PUBLIC_KEY"))));
  }

  private static String field(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(matcher.find()).as(json).isTrue();
    return matcher.group(1);
  }

  /** A GET of audit-service's API, with the audit token from stack.env. */
  private HttpResponse<String> getAudit(String url) throws IOException, InterruptedException {
    return stack.get(url, stackEnv.get("HALLMARK_AUDIT_TOKEN"));
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return stack.get(url, null);
  }

  private static boolean isListening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
