package dev.hallmark.signer.notary;

import static dev.hallmark.signer.SignerEvents.awaitFailures;
import static dev.hallmark.signer.SignerEvents.awaitSignatures;
import static dev.hallmark.signer.SignerEvents.sendDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.notary.NotaryServerClient;
import dev.hallmark.notary.ReleasesDocuments;
import dev.hallmark.notary.RoleSignature;
import dev.hallmark.notary.SignatureCheck;
import dev.hallmark.notary.SignedRole;
import dev.hallmark.notary.Target;
import dev.hallmark.notary.TrustChainVerifier;
import dev.hallmark.notary.TrustRoles;
import dev.hallmark.notary.TufKey;
import dev.hallmark.notary.TufKeys;
import dev.hallmark.notary.VerifiedTrustData;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.signer.TestToken;
import dev.hallmark.signer.decisions.SignatureRepository;
import dev.hallmark.signer.decisions.SignatureRow;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Notary v1 signing end to end against real Kafka, PostgreSQL, SoftHSM2, notary-server and the
 * notary client: a repository is initialized with the HSM key's certificate as the {@code
 * targets/releases} delegation, an approved decision becomes a grant, and {@code POST
 * /api/v1/notary/signatures} signs only the approved change of the published document. The signed
 * document is published to notary-server and listed by the notary client trusting only the pinned
 * root, so the signature is the one Docker Content Trust verifies.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotarySigningIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String SIGNATURES = Topics.SIGNATURES.name();
  static final JsonMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  // Fresh ids per run, so that a persistent database or token never holds an older key under them.
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String KEY = "it-notary-" + RUN;
  static final long MANIFEST_LENGTH = 528;

  final Infrastructure infra = TestInfrastructure.shared();
  final HttpClient httpClient = HttpClient.newHttpClient();
  KafkaTestClient kafka;

  @Inject EmbeddedServer server;
  @Inject SignatureRepository signatures;

  Path dir;
  Path pinning;
  String registry;
  String repository;
  String gun;
  String certificatePem;
  NotaryCli notary;
  NotaryCli.RootPin pin;
  NotaryServerClient notaryServer;

  /** The approved decision: tag 1.0 of {@link #approvedImage}, cosign and notary. */
  PolicyDecision decision;

  ImageRef approvedImage;

  @Override
  public Map<String, String> getProperties() {
    assumeTrue(
        infra.notaryUrl().isPresent() && NotaryCli.available(),
        "no notary-server or notary client in this test infrastructure");
    try {
      dir = Files.createTempDirectory("hallmark-signer-notary-it-");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    pinning = dir.resolve("trust-pinning.json");
    registry = infra.registry().orElse("127.0.0.1:15000");
    repository = "it/notary-" + RUN;
    gun = registry + "/" + repository;
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestToken.properties());
    properties.putAll(TestDecisionKey.signerProperties());
    String prefix = "hallmark.signer.keys." + KEY + ".";
    properties.put(prefix + "backend", "pkcs11");
    properties.put(prefix + "algorithm", "ECDSA_P256");
    properties.put(prefix + "label", KEY);
    properties.put(prefix + "create-if-missing", "true");
    properties.put("hallmark.kafka.retry.attempts", "3");
    properties.put("hallmark.kafka.retry.initial-delay", "100ms");
    properties.put("hallmark.notary.url", infra.notaryUrl().orElseThrow());
    properties.put("hallmark.notary.trust-pinning", pinning.toString());
    kafka = new KafkaTestClient(infra.kafkaBootstrap());
    return properties;
  }

  /** notary init with the HSM key's certificate as delegation key, and the root pinned. */
  @BeforeAll
  void initializeRepositoryAndApprove() throws Exception {
    HttpResponse<String> certificate = get("/api/v1/keys/" + KEY + "/certificate");
    assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(200);
    certificatePem = certificate.body();
    Path certificateFile = dir.resolve(KEY + ".crt");
    Files.writeString(certificateFile, certificatePem);
    notary = NotaryCli.open(dir.resolve("client"), infra.notaryUrl().orElseThrow());
    pin = notary.initializeRepository(gun, certificateFile);
    TrustPinningFile.pin(pinning, pin);
    notaryServer =
        new NotaryServerClient(
            NotaryServerClient.Settings.of(URI.create(infra.notaryUrl().orElseThrow())));

    approvedImage = image(List.of("1.0"));
    decision = decision(List.of(approvedImage));
    sendDecision(kafka, decision);
  }

  @AfterAll
  void close() {
    if (kafka != null) {
      kafka.close();
    }
    if (dir != null) {
      try (var tree = Files.walk(dir)) {
        tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // A temporary directory left behind holds test keys and trust data only.
      }
    }
  }

  @Test
  @Order(1)
  void approvedDecision_withNotary_recordsASignedGrantBesideTheCosignSignature() throws Exception {
    List<SignatureCreated> events = awaitSignatures(kafka, decision.getRequestId(), 2);

    assertThat(events)
        .extracting(SignatureCreated::getMethod)
        .containsExactlyInAnyOrder(SigningMethod.COSIGN, SigningMethod.NOTARY);
    SignatureCreated grant =
        events.stream()
            .filter(e -> e.getMethod() == SigningMethod.NOTARY)
            .findFirst()
            .orElseThrow();
    byte[] payload = bytes(grant.getPayload());
    JsonNode json = STRICT.readTree(payload);
    assertThat(json.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("_type", "digest", "gun", "requestId", "tags");
    assertThat(json.get("_type").textValue()).isEqualTo("HallmarkNotaryGrant");
    assertThat(json.get("gun").textValue()).isEqualTo(gun);
    assertThat(json.get("digest").textValue()).isEqualTo(approvedImage.getDigest());
    assertThat(json.get("requestId").textValue()).isEqualTo(decision.getRequestId().toString());
    assertThat(json.get("tags").toString()).isEqualTo("[\"1.0\"]");
    assertThat(CanonicalJson.encode(STRICT.readValue(payload, Map.class))).isEqualTo(payload);
    assertThat(grant.getKeyId()).isEqualTo(KEY);
    assertThat(grant.getCertificate()).isNull();
    assertThat(grant.getPayloadDigest()).isEqualTo(sha256(payload));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)))
            .getPublicKey());
    verifier.update(payload);
    assertThat(verifier.verify(bytes(grant.getSignature()))).isTrue();
    assertThat(signatures.findByRequestIdOrderByCreatedAt(decision.getRequestId()))
        .extracting(SignatureRow::method)
        .containsExactlyInAnyOrder("COSIGN", "NOTARY");
  }

  @Test
  @Order(2)
  void approvedTag_isSigned_andTheNotaryClientTrustsThePublishedDocument() throws Exception {
    VerifiedTrustData current = published();
    Map<String, Object> signed = next(current, Map.of("1.0", approvedImage.getDigest()));

    HttpResponse<String> answer = post(decision.getRequestId().toString(), gun, signed);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = STRICT.readTree(answer.body());
    assertThat(body.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("keyid", "method", "sig");
    String keyId = body.get("keyid").textValue();
    assertThat(keyId).isEqualTo(TufKeys.keyId(TufKeys.ECDSA_X509, certificatePem));
    assertThat(body.get("method").textValue()).isEqualTo("ecdsa");
    byte[] sig = Base64.getDecoder().decode(body.get("sig").textValue());
    TufKey delegationKey =
        new TufKey(keyId, TufKeys.ECDSA_X509, certificatePem.getBytes(StandardCharsets.US_ASCII));
    assertThat(
            SignatureCheck.verifies(
                delegationKey,
                new RoleSignature(keyId, "ecdsa", sig),
                CanonicalJson.encode(signed)))
        .isTrue();

    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("keyid", keyId);
    signature.put("method", "ecdsa");
    signature.put("sig", sig);
    notaryServer.publish(
        gun, TrustRoles.RELEASES, ReleasesDocuments.envelope(signed, List.of(signature)));
    assertThat(notary.list(gun, pin))
        .containsExactly(
            new NotaryCli.Target(
                "1.0",
                approvedImage.getDigest().substring("sha256:".length()),
                MANIFEST_LENGTH,
                TrustRoles.RELEASES));
  }

  @Test
  @Order(3)
  void proposalOfAnotherVersion_isStale409() throws Exception {
    VerifiedTrustData current = published();
    assertThat(current.releasesVersion()).isEqualTo(1);
    Map<String, Object> again = next(current, Map.of("1.0", approvedImage.getDigest()));
    again.put("version", 1L);
    Map<String, Object> ahead = next(current, Map.of("1.0", approvedImage.getDigest()));
    ahead.put("version", 5L);

    for (Map<String, Object> signed : List.of(again, ahead)) {
      HttpResponse<String> answer = post(decision.getRequestId().toString(), gun, signed);

      assertProblem(answer, 409, "STALE");
      assertThat(STRICT.readTree(answer.body()).get("detail").textValue())
          .contains("is version 1")
          .contains("not 2");
    }
  }

  @Test
  @Order(4)
  void unapprovedExtraTag_isRefused422_andAuditedAsSigningFailed() throws Exception {
    VerifiedTrustData current = published();
    String otherDigest = image(List.of()).getDigest();
    Map<String, Object> signed =
        next(current, Map.of("1.0", approvedImage.getDigest(), "2.0", otherDigest));

    HttpResponse<String> answer = post(decision.getRequestId().toString(), gun, signed);

    JsonNode problem = assertProblem(answer, 422, "UNAPPROVED_CHANGE");
    assertThat(problem.get("changes").toString())
        .isEqualTo("[\"adds tag 2.0, which was not approved\"]");
    List<SigningFailed> failed = awaitFailures(kafka, decision.getRequestId(), 1);
    assertThat(failed).hasSize(1);
    SigningFailed audit = failed.get(0);
    assertThat(audit.getMethod()).isEqualTo(SigningMethod.NOTARY);
    assertThat(audit.getKeyId()).isEqualTo(KEY);
    assertThat(audit.getImage().getDigest()).isEqualTo(approvedImage.getDigest());
    assertThat(audit.getImage().getRepository()).isEqualTo(repository);
    assertThat(audit.getReason())
        .isEqualTo("refused targets/releases of " + gun + ": adds tag 2.0, which was not approved");
    // The stale proposals before were not audited: this refusal is the request's only failure.
    assertThat(failuresOf(decision.getRequestId())).hasSize(1);
  }

  @Test
  @Order(5)
  void unknownRequest_is404() throws Exception {
    UUID unknown = UUID.randomUUID();
    Map<String, Object> signed = next(published(), Map.of("1.0", approvedImage.getDigest()));

    HttpResponse<String> answer = post(unknown.toString(), gun, signed);

    JsonNode problem = assertProblem(answer, 404, "NOT_APPROVED");
    assertThat(problem.get("detail").textValue())
        .isEqualTo("no approved Notary signing for request " + unknown + " and " + gun);
  }

  @Test
  @Order(6)
  void rootNotPinned_is422RootNotPinned() throws Exception {
    Map<String, Object> signed = next(published(), Map.of("1.0", approvedImage.getDigest()));
    TrustPinningFile.pin(pinning, new NotaryCli.RootPin(gun, "ab".repeat(32)));
    HttpResponse<String> answer;
    try {
      answer = post(decision.getRequestId().toString(), gun, signed);
    } finally {
      TrustPinningFile.pin(pinning, pin);
    }

    assertProblem(answer, 422, "ROOT_NOT_PINNED");
  }

  @Test
  @Order(7)
  void signedNotBase64_is400NamingSigned() throws Exception {
    HttpResponse<String> answer =
        postRaw(
            "{\"requestId\":\""
                + decision.getRequestId()
                + "\",\"gun\":\""
                + gun
                + "\",\"signed\":\"not base64!\"}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = STRICT.readTree(answer.body());
    assertThat(problem.at("/errors/0/field").textValue()).isEqualTo("signed");
    assertThat(problem.get("detail").textValue()).startsWith("signed: must be base64");
  }

  @Test
  @Order(8)
  void untaggedImage_withNotary_isSigningFailedForNotaryOnly() throws Exception {
    ImageRef untagged = image(List.of());
    PolicyDecision untaggedDecision = decision(List.of(untagged));

    sendDecision(kafka, untaggedDecision);
    List<SigningFailed> failed = awaitFailures(kafka, untaggedDecision.getRequestId(), 1);
    List<SignatureCreated> created = awaitSignatures(kafka, untaggedDecision.getRequestId(), 1);

    assertThat(failed.get(0).getMethod()).isEqualTo(SigningMethod.NOTARY);
    assertThat(failed.get(0).getReason())
        .isEqualTo(
            "Notary v1 signs tags; "
                + gun
                + "@"
                + untagged.getDigest()
                + " was requested without a tag");
    assertThat(created)
        .extracting(SignatureCreated::getMethod)
        .containsExactly(SigningMethod.COSIGN);
  }

  // --- helpers

  /** The published trust data, verified as a client trusting the pinned root would. */
  private VerifiedTrustData published() {
    return TrustChainVerifier.verify(
        notaryServer.fetchTrustData(gun), Set.of(pin.rootKeyId()), Map.of(), Instant.now());
  }

  private static Map<String, Object> next(VerifiedTrustData current, Map<String, String> tags) {
    Map<String, Target> targets = new LinkedHashMap<>();
    tags.forEach((tag, digest) -> targets.put(tag, Target.ofManifest(digest, MANIFEST_LENGTH)));
    Optional<SignedRole> releases = current.releases();
    return new LinkedHashMap<>(
        ReleasesDocuments.next(
            releases,
            targets,
            Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS)));
  }

  private HttpResponse<String> post(String requestId, String gun, Map<String, Object> signed)
      throws Exception {
    String base64 = Base64.getEncoder().encodeToString(CanonicalJson.encode(signed));
    return postRaw(
        STRICT.writeValueAsString(Map.of("requestId", requestId, "gun", gun, "signed", base64)));
  }

  private HttpResponse<String> postRaw(String body) throws Exception {
    return httpClient.send(
        HttpRequest.newBuilder(server.getURI().resolve("/api/v1/notary/signatures"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return httpClient.send(
        HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode assertProblem(HttpResponse<String> answer, int status, String code)
      throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = STRICT.readTree(answer.body());
    assertThat(problem.get("status").intValue()).isEqualTo(status);
    assertThat(problem.get("problem").textValue()).isEqualTo(code);
    assertThat(problem.get("detail").textValue()).isNotBlank();
    // The document is never echoed.
    assertThat(answer.body()).doesNotContain("\"hashes\"");
    return problem;
  }

  private List<ConsumerRecord<byte[], byte[]>> failuresOf(UUID requestId) {
    return kafka.readAll(SIGNATURES).stream().filter(r -> isFailureOf(r, requestId)).toList();
  }

  private static boolean isFailureOf(ConsumerRecord<byte[], byte[]> record, UUID requestId) {
    return EventCodec.standard().decode(record.value()) instanceof SigningFailed failed
        && failed.getRequestId().equals(requestId);
  }

  private ImageRef image(List<String> tags) {
    byte[] digest = new byte[32];
    new SecureRandom().nextBytes(digest);
    return ImageRef.newBuilder()
        .setRegistry(registry)
        .setRepository(repository)
        .setDigest("sha256:" + HexFormat.of().formatHex(digest))
        .setTags(new ArrayList<>(tags))
        .build();
  }

  private static PolicyDecision decision(List<ImageRef> images) {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setImages(images)
        .setOutcome(DecisionOutcome.APPROVED)
        .setReason(null)
        .setProject("demo")
        .setSigningPolicy("releases")
        .setPolicyVersion(1)
        .setMethods(List.of(SigningMethod.COSIGN, SigningMethod.NOTARY))
        .setKeyId(KEY)
        .setApprovers(List.of())
        .setOrigin(null)
        .setAuthenticator(null)
        .build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
