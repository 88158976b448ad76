package dev.hallmark.signer.decisions;

import static dev.hallmark.testing.KafkaTestClient.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.runtime.outbox.OutboxRepository;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.signer.TestToken;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.KeyPair;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Decisions that policy-service did not authenticate, written straight into the decisions topic:
 * nothing is signed, and each is announced by exactly one {@code DecisionRejected} saying why, even
 * when the same record arrives twice. The service trusts only {@link TestDecisionKey}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedDecisionIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String SIGNATURES = Topics.SIGNATURES.name();
  static final String KEY = "forged-ec-" + UUID.randomUUID().toString().substring(0, 8);
  static final KeyPair STRANGER = DecisionKeys.generate();

  final Infrastructure infra = TestInfrastructure.shared();
  final EventCodec codec = EventCodec.standard();
  KafkaTestClient kafka;

  @Inject SignatureRepository signatures;
  @Inject RejectedDecisionRepository rejected;
  @Inject OutboxRepository outbox;

  @Override
  public Map<String, String> getProperties() {
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
  void approvedWithoutAuthenticator_isNotSignedAndRejectedOnce() throws Exception {
    PolicyDecision forged = approved(UUID.randomUUID());

    send(forged);

    assertRejectedOnlyOnce(
        forged, "decision " + forged.getEventId() + " is not authenticated: no authenticator");
  }

  @Test
  void signedByUnknownKey_isNotSignedAndRejectedNamingTheKey() throws Exception {
    PolicyDecision forged =
        new DecisionSigner(STRANGER.getPrivate(), STRANGER.getPublic())
            .sign(approved(UUID.randomUUID()));

    send(forged);

    assertRejectedOnlyOnce(
        forged,
        "decision "
            + forged.getEventId()
            + " is not authenticated: signed by unknown key "
            + DecisionKeys.keyIdHex(STRANGER.getPublic()));
  }

  @Test
  void changedAfterSigning_isNotSignedAndRejectedAsNotVerifying() throws Exception {
    PolicyDecision forged = TestDecisionKey.sign(approved(UUID.randomUUID()));
    forged.getImages().get(0).setDigest(randomDigest()); // another image than policy approved

    send(forged);

    assertRejectedOnlyOnce(
        forged,
        "decision " + forged.getEventId() + " is not authenticated: signature does not verify");
  }

  @Test
  void malformedAuthenticator_isNotSignedAndRejectedSayingWhy() throws Exception {
    PolicyDecision forged = approved(UUID.randomUUID());
    forged.setAuthenticator(ByteBuffer.wrap(new byte[] {1, 2, 3}));

    send(forged);

    assertRejectedOnlyOnce(
        forged,
        "decision "
            + forged.getEventId()
            + " is not authenticated: malformed authenticator (3 bytes, version 1 has 97)");
  }

  @Test
  void sameForgedRecordTwice_yieldsOneRejection() throws Exception {
    PolicyDecision forged = approved(UUID.randomUUID());

    send(forged);
    send(forged);

    assertRejectedOnlyOnce(
        forged, "decision " + forged.getEventId() + " is not authenticated: no authenticator");
  }

  /**
   * A genuine decision for the same request (same partition, so handled after the forged ones) is
   * signed; once it is, and the outbox is drained, the forged decision's outcome is complete: one
   * rejection, no signature and no failure.
   */
  private void assertRejectedOnlyOnce(PolicyDecision forged, String reason) throws Exception {
    UUID requestId = forged.getRequestId();
    PolicyDecision marker = TestDecisionKey.sign(approved(requestId));
    send(marker);
    kafka.await(SIGNATURES, r -> signatureOf(r, requestId), 1, WAIT);
    awaitOutboxDrained();

    List<ConsumerRecord<byte[], byte[]>> all = kafka.readAll(SIGNATURES);
    List<ConsumerRecord<byte[], byte[]>> rejections =
        all.stream()
            .filter(
                r ->
                    codec.decode(r.value()) instanceof DecisionRejected rejection
                        && rejection.getDecisionEventId().equals(forged.getEventId()))
            .toList();
    assertThat(rejections).hasSize(1);
    DecisionRejected rejection = codec.decode(rejections.get(0).value(), DecisionRejected.class);
    assertThat(rejection.getReason()).isEqualTo(reason);
    assertThat(rejection.getRequestId()).isEqualTo(requestId);
    assertThat(rejection.getImages()).isEqualTo(forged.getImages());
    assertThat(key(rejections.get(0))).isEqualTo(requestId.toString());

    String forgedDigest = forged.getImages().get(0).getDigest();
    assertThat(all)
        .as("signatures or failures of the forged decision")
        .noneMatch(
            r ->
                codec.decode(r.value()) instanceof SignatureCreated created
                        && created.getImage().getDigest().equals(forgedDigest)
                    || codec.decode(r.value()) instanceof SigningFailed failed
                        && failed.getRequestId().equals(requestId));
    assertThat(signatures.findByRequestIdOrderByCreatedAt(requestId))
        .extracting(SignatureRow::digest)
        .containsExactly(marker.getImages().get(0).getDigest());
    assertThat(rejected.findById(forged.getEventId()))
        .hasValueSatisfying(row -> assertThat(row.eventId()).isEqualTo(rejection.getEventId()));
  }

  private void awaitOutboxDrained() throws Exception {
    Await.until("the outbox drained", WAIT, () -> outbox.count() == 0);
  }

  private boolean signatureOf(ConsumerRecord<byte[], byte[]> record, UUID requestId) {
    return codec.decode(record.value()) instanceof SignatureCreated created
        && created.getRequestId().equals(requestId);
  }

  private void send(PolicyDecision decision) throws Exception {
    kafka.send(Topics.POLICY_DECISIONS.name(), decision.getRequestId().toString(), decision);
  }

  private static PolicyDecision approved(UUID requestId) {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(requestId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setImages(
            List.of(
                ImageRef.newBuilder()
                    .setRegistry("127.0.0.1:15000")
                    .setRepository("team/forged")
                    .setDigest(randomDigest())
                    .setTags(new ArrayList<>(List.of("1.0")))
                    .build()))
        .setOutcome(DecisionOutcome.APPROVED)
        .setReason(null)
        .setProject("demo")
        .setSigningPolicy("default")
        .setPolicyVersion(1)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId(KEY)
        .setApprovers(List.of())
        .setOrigin(null)
        .setAuthenticator(null)
        .build();
  }

  private static String randomDigest() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return "sha256:" + HexFormat.of().formatHex(bytes);
  }
}
