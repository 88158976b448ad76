package dev.hallmark.signer.decisions;

import static dev.hallmark.signer.SignerEvents.awaitFailures;
import static dev.hallmark.signer.SignerEvents.awaitSignatures;
import static dev.hallmark.signer.SignerEvents.sendDecision;
import static dev.hallmark.testing.KafkaTestClient.header;
import static dev.hallmark.testing.KafkaTestClient.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.signer.TestToken;
import dev.hallmark.signer.signers.SigningAlgorithm;
import dev.hallmark.signer.signers.TestKeys;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * signer-service end to end against real Kafka, PostgreSQL and a SoftHSM2 token: decisions in,
 * verifiable cosign signatures out, once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionSigningIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String SIGNATURES = Topics.SIGNATURES.name();
  static final JsonMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  // Fresh ids per run, so that a persistent database or token never holds an older key under them.
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String EC_KEY = "it-ec-" + RUN;
  static final String RSA_KEY = "it-rsa-" + RUN;
  static final String SOFT_KEY = "it-soft-" + RUN;

  final Infrastructure infra = TestInfrastructure.shared();
  KafkaTestClient kafka;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SignatureRepository signatures;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestToken.properties());
    properties.putAll(TestDecisionKey.signerProperties());
    pkcs11Key(properties, EC_KEY, "ECDSA_P256");
    pkcs11Key(properties, RSA_KEY, "RSA_2048");
    try {
      Path pem = Files.createTempFile("it-soft", ".pem");
      TestKeys.writePkcs8Pem(pem, TestKeys.generate(SigningAlgorithm.ECDSA_P256));
      pem.toFile().deleteOnExit();
      properties.put("hallmark.signer.keys." + SOFT_KEY + ".backend", "software");
      properties.put("hallmark.signer.keys." + SOFT_KEY + ".pem-file", pem.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    // Few, short retries, so that a decision that cannot be signed is parked within a second.
    properties.put("hallmark.kafka.retry.attempts", "3");
    properties.put("hallmark.kafka.retry.initial-delay", "100ms");
    kafka = new KafkaTestClient(infra.kafkaBootstrap());
    return properties;
  }

  @AfterAll
  void close() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void approvedDecision_twoImages_oneVerifiableSignatureEach() throws Exception {
    ImageRef tagged = image("team/app", List.of("1.0", "latest"));
    ImageRef untagged = image("team/other", List.of());
    Origin origin =
        Origin.newBuilder()
            .setRepositoryUrl("https://git.example/team/app")
            .setRef("refs/heads/main")
            .setCommit("0123456789abcdef0123456789abcdef01234567")
            .setBuildUrl("https://ci.example/build/7")
            .setVerified(false)
            .build();
    PolicyDecision decision = approved(EC_KEY, List.of(tagged, untagged), origin);

    sendDecision(kafka, decision);
    List<SignatureCreated> events = awaitSignatures(kafka, decision.getRequestId(), 2);

    PublicKey publicKey = publicKeyFromApi(EC_KEY);
    for (SignatureCreated event : events) {
      ImageRef image = event.getImage();
      assertThat(event.getKeyId()).isEqualTo(EC_KEY);
      assertThat(event.getMethod()).isEqualTo(SigningMethod.COSIGN);
      assertThat(event.getCertificate()).isNull();
      byte[] payload = bytes(event.getPayload());
      assertThat(verifies("SHA256withECDSA", publicKey, payload, bytes(event.getSignature())))
          .isTrue();
      assertThat(event.getPayloadDigest()).isEqualTo(sha256(payload));
      JsonNode json = STRICT.readTree(payload);
      assertThat(json.at("/critical/identity/docker-reference").textValue())
          .isEqualTo(image.getRegistry() + "/" + image.getRepository());
      assertThat(json.at("/critical/image/docker-manifest-digest").textValue())
          .isEqualTo(image.getDigest());
      assertThat(json.at("/optional/dev.hallmark~1request-id").textValue())
          .isEqualTo(decision.getRequestId().toString());
      assertThat(json.at("/optional/dev.hallmark~1origin.build-url").textValue())
          .isEqualTo("https://ci.example/build/7");
      assertThat(json.at("/optional/dev.hallmark~1origin.verified").textValue()).isEqualTo("false");
    }
    assertThat(events)
        .extracting(e -> e.getImage().getRepository())
        .containsExactlyInAnyOrder("team/app", "team/other");
    SignatureCreated forTagged =
        events.stream()
            .filter(e -> e.getImage().getRepository().equals("team/app"))
            .findFirst()
            .orElseThrow();
    assertThat(
            STRICT
                .readTree(bytes(forTagged.getPayload()))
                .at("/optional/dev.hallmark~1tags")
                .textValue())
        .isEqualTo("1.0,latest");
    // The record key puts every event about one digest into one partition.
    assertThat(signatureRecords(decision.getRequestId()))
        .extracting(KafkaTestClient::key)
        .containsExactlyInAnyOrder(Topics.imageKey(tagged), Topics.imageKey(untagged));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "soft"})
  void approvedDecision_rsaOrSoftwareKey_signatureVerifies(String which) throws Exception {
    String keyId = which.equals("rsa") ? RSA_KEY : SOFT_KEY;
    String algorithm = which.equals("rsa") ? "SHA256withRSA" : "SHA256withECDSA";
    PolicyDecision decision = approved(keyId, List.of(image("team/app", List.of("2.0"))), null);

    sendDecision(kafka, decision);
    SignatureCreated event = awaitSignatures(kafka, decision.getRequestId(), 1).get(0);

    assertThat(
            verifies(
                algorithm,
                publicKeyFromApi(keyId),
                bytes(event.getPayload()),
                bytes(event.getSignature())))
        .isTrue();
  }

  @Test
  void sameDecisionTwice_yieldsOneSignature() throws Exception {
    ImageRef image = image("team/app", List.of("1.0"));
    PolicyDecision decision = approved(EC_KEY, List.of(image), null);

    sendDecision(kafka, decision);
    awaitSignatures(kafka, decision.getRequestId(), 1);
    sendDecision(kafka, decision);
    // A later decision for the same request (same partition, so processed after the duplicate).
    ImageRef marker = image("team/marker", List.of());
    sendDecision(
        kafka,
        approved(decision.getRequestId(), EC_KEY, List.of(marker), DecisionOutcome.APPROVED));
    awaitSignatures(kafka, decision.getRequestId(), 2);

    List<SignatureCreated> all = signaturesOf(decision.getRequestId());
    assertThat(all)
        .extracting(e -> e.getImage().getRepository())
        .containsExactlyInAnyOrder("team/app", "team/marker");
    assertThat(signatures.findByRequestIdOrderByCreatedAt(decision.getRequestId())).hasSize(2);
  }

  @Test
  void deniedOrUntaggedNotaryOnlyDecision_yieldsNoSignature() throws Exception {
    UUID requestId = UUID.randomUUID();
    ImageRef denied = image("team/denied", List.of());
    ImageRef notary = image("team/notary", List.of());
    PolicyDecision deny = approved(requestId, null, List.of(denied), DecisionOutcome.DENIED);
    PolicyDecision notaryOnly =
        approved(requestId, EC_KEY, List.of(notary), DecisionOutcome.APPROVED);
    notaryOnly.setMethods(List.of(SigningMethod.NOTARY));

    sendDecision(kafka, deny);
    sendDecision(kafka, notaryOnly);
    ImageRef marker = image("team/marker", List.of());
    sendDecision(kafka, approved(requestId, EC_KEY, List.of(marker), DecisionOutcome.APPROVED));
    awaitSignatures(kafka, requestId, 1);

    assertThat(signaturesOf(requestId))
        .extracting(e -> e.getImage().getRepository())
        .containsExactly("team/marker");
    assertThat(signatures.findByRequestIdOrderByCreatedAt(requestId)).hasSize(1);
    // Notary signs tags: the untagged image ends with a failure for NOTARY, nothing else.
    SigningFailed untagged = awaitFailures(kafka, requestId, 1).get(0);
    assertThat(untagged.getImage()).isEqualTo(notary);
    assertThat(untagged.getMethod()).isEqualTo(SigningMethod.NOTARY);
    assertThat(untagged.getReason()).startsWith("Notary v1 signs tags; ");
  }

  @Test
  void garbage_goesToDeadLetterTopicWithReason() throws Exception {
    String recordKey = "garbage-" + UUID.randomUUID();
    kafka.send(
        Topics.POLICY_DECISIONS.name(), recordKey, "not an event".getBytes(StandardCharsets.UTF_8));

    ConsumerRecord<byte[], byte[]> parked = kafka.awaitDeadLetter(Services.SIGNER, recordKey, WAIT);

    assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(header(parked, DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(header(parked, DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(Topics.POLICY_DECISIONS.name());
  }

  @Test
  void unknownKey_isRetriedThenAnnouncedAsSigningFailed() throws Exception {
    PolicyDecision decision = approved("no-such-key", List.of(image("team/app", List.of())), null);

    sendDecision(kafka, decision);
    List<SigningFailed> failed = awaitFailures(kafka, decision.getRequestId(), 1);

    assertThat(failed.get(0).getReason())
        .startsWith("not signed after retries: UnknownKeyException")
        .contains("no-such-key");
    assertThat(failed.get(0).getKeyId()).isEqualTo("no-such-key");
    assertThat(failed.get(0).getImage()).isEqualTo(decision.getImages().get(0));
    assertThat(signatures.findByRequestIdOrderByCreatedAt(decision.getRequestId())).isEmpty();
  }

  @Test
  void malformedDigest_isAnnouncedAtOnceNamingIt() throws Exception {
    ImageRef bad = image("team/app", List.of());
    bad.setDigest("sha256:nothex");
    PolicyDecision decision = approved(EC_KEY, List.of(image("team/ok", List.of()), bad), null);

    sendDecision(kafka, decision);
    List<SigningFailed> failed = awaitFailures(kafka, decision.getRequestId(), 2);

    assertThat(failed)
        .allSatisfy(f -> assertThat(f.getReason()).contains("cannot be signed").contains("digest"));
    // Nothing of the decision was signed, not even the valid image.
    assertThat(signatures.findByRequestIdOrderByCreatedAt(decision.getRequestId())).isEmpty();
  }

  @Test
  void keysApi_listsKeysAndServesPem_unknownIs404Problem() throws Exception {
    List<Map<String, Object>> keys =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/keys"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    assertThat(keys)
        .filteredOn(k -> k.get("id").toString().endsWith(RUN))
        .extracting(k -> k.get("id") + " " + k.get("algorithm") + " " + k.get("backend"))
        .containsExactly(
            EC_KEY + " ECDSA_P256 pkcs11",
            RSA_KEY + " RSA_2048 pkcs11",
            SOFT_KEY + " ECDSA_P256 software");
    assertThat(keys.get(0).keySet()).containsExactly("id", "algorithm", "backend", "fingerprint");

    HttpResponse<String> pem =
        http.toBlocking()
            .exchange(HttpRequest.GET("/api/v1/keys/" + EC_KEY + "/public-key"), String.class);
    assertThat(pem.getContentType()).hasValue(MediaType.of("application/x-pem-file"));
    assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    String fingerprint =
        keys.stream()
            .filter(k -> k.get("id").equals(EC_KEY))
            .findFirst()
            .orElseThrow()
            .get("fingerprint")
            .toString();
    assertThat(fingerprint).isEqualTo(sha256(publicKeyFromApi(EC_KEY).getEncoded()));

    HttpClientResponseException notFound =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                http.toBlocking()
                    .exchange(HttpRequest.GET("/api/v1/keys/nope/public-key"), String.class));
    assertThat(notFound.getStatus().getCode()).isEqualTo(404);
    assertThat(notFound.getResponse().getContentType())
        .hasValue(MediaType.of("application/problem+json"));
    assertThat(notFound.getResponse().getBody(String.class).orElseThrow())
        .contains("\"status\":404")
        .contains("no signing key 'nope'");
  }

  // --- helpers

  private static void pkcs11Key(Map<String, String> properties, String id, String algorithm) {
    String prefix = "hallmark.signer.keys." + id + ".";
    properties.put(prefix + "backend", "pkcs11");
    properties.put(prefix + "algorithm", algorithm);
    properties.put(prefix + "label", id);
    properties.put(prefix + "create-if-missing", "true");
  }

  private List<ConsumerRecord<byte[], byte[]>> signatureRecords(UUID requestId) {
    return kafka.readAll(SIGNATURES).stream().filter(r -> isFor(r, requestId)).toList();
  }

  private List<SignatureCreated> signaturesOf(UUID requestId) {
    return signatureRecords(requestId).stream().map(DecisionSigningIT::decode).toList();
  }

  private static boolean isFor(ConsumerRecord<byte[], byte[]> record, UUID requestId) {
    return EventCodec.standard().decode(record.value()) instanceof SignatureCreated created
        && created.getRequestId().equals(requestId);
  }

  private static SignatureCreated decode(ConsumerRecord<byte[], byte[]> record) {
    return EventCodec.standard().decode(record.value(), SignatureCreated.class);
  }

  private PublicKey publicKeyFromApi(String keyId) throws Exception {
    String pem =
        http.toBlocking().retrieve(HttpRequest.GET("/api/v1/keys/" + keyId + "/public-key"));
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
    }
  }

  private static boolean verifies(String algorithm, PublicKey key, byte[] data, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(data);
    return verifier.verify(signature);
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

  static ImageRef image(String repository, List<String> tags) {
    return ImageRef.newBuilder()
        .setRegistry("127.0.0.1:15000")
        .setRepository(repository)
        .setDigest("sha256:" + HexFormat.of().formatHex(randomBytes()))
        .setTags(new ArrayList<>(tags))
        .build();
  }

  static PolicyDecision approved(String keyId, List<ImageRef> images, Origin origin) {
    PolicyDecision decision = approved(UUID.randomUUID(), keyId, images, DecisionOutcome.APPROVED);
    decision.setOrigin(origin);
    return decision;
  }

  static PolicyDecision approved(
      UUID requestId, String keyId, List<ImageRef> images, DecisionOutcome outcome) {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(requestId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setImages(images)
        .setOutcome(outcome)
        .setReason(outcome == DecisionOutcome.APPROVED ? null : "test")
        .setProject("demo")
        .setSigningPolicy("default")
        .setPolicyVersion(1)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId(keyId)
        .setApprovers(List.of())
        .setOrigin(null)
        .setAuthenticator(null)
        .build();
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
