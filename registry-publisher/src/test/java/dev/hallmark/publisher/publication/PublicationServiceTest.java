package dev.hallmark.publisher.publication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.oci.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checks made before any registry call. */
class PublicationServiceTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  static SignatureCreated event(String payload, String digest, SigningMethod method) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return SignatureCreated.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.EPOCH)
        .setImage(
            ImageRef.newBuilder()
                .setRegistry("registry.example:5000")
                .setRepository("demo/app")
                .setDigest(digest)
                .setTags(List.of())
                .build())
        .setMethod(method)
        .setKeyId("k")
        .setPayload(ByteBuffer.wrap(bytes))
        .setSignature(ByteBuffer.wrap(new byte[] {1}))
        .setPayloadDigest(Digests.sha256(bytes))
        .build();
  }

  static String payload(String digest, String reference) {
    return "{\"critical\":{\"identity\":{\"docker-reference\":\""
        + reference
        + "\"},\"image\":{\"docker-manifest-digest\":\""
        + digest
        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}";
  }

  @Test
  void invalid_wellFormedCosignEvent_isAccepted() {
    assertThat(
            PublicationService.invalid(
                event(
                    payload(DIGEST, "registry.example:5000/demo/app"),
                    DIGEST,
                    SigningMethod.COSIGN)))
        .isEmpty();
  }

  @Test
  void invalid_payloadForOtherDigestOrReference_isRefused() {
    assertThat(
            PublicationService.invalid(
                event(
                    payload("sha256:" + "cd".repeat(32), "registry.example:5000/demo/app"),
                    DIGEST,
                    SigningMethod.COSIGN)))
        .get()
        .asString()
        .contains("not the image digest");
    assertThat(
            PublicationService.invalid(
                event(
                    payload(DIGEST, "registry.example:5000/other"), DIGEST, SigningMethod.COSIGN)))
        .get()
        .asString()
        .contains("payload names");
  }

  @Test
  void invalid_payloadDigestMismatch_isRefused() {
    SignatureCreated event =
        event(payload(DIGEST, "registry.example:5000/demo/app"), DIGEST, SigningMethod.COSIGN);
    event.setPayloadDigest("sha256:" + "0".repeat(64));

    assertThat(PublicationService.invalid(event)).get().asString().contains("payloadDigest");
  }

  @Test
  void invalid_notation_isNotPublishedYet() {
    assertThat(
            PublicationService.invalid(
                event(
                    payload(DIGEST, "registry.example:5000/demo/app"),
                    DIGEST,
                    SigningMethod.NOTATION)))
        .get()
        .asString()
        .contains("NOTATION");
  }

  @Test
  void invalid_notaryEventWithoutAGrant_isRefusedBeforeAnyCall() {
    assertThat(
            PublicationService.invalid(
                event(
                    payload(DIGEST, "registry.example:5000/demo/app"),
                    DIGEST,
                    SigningMethod.NOTARY)))
        .get()
        .asString()
        .isEqualTo("payload is not a HallmarkNotaryGrant");
  }

  @Test
  void backoffAfter_doublesUpToMax() {
    RetrySettings settings =
        new RetrySettings(
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            null,
            Duration.ofMinutes(5),
            Duration.ofMillis(500));

    assertThat(List.of(1, 2, 3, 4, 5, 50).stream().map(settings::backoffAfter))
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }

  @Test
  void outcome_longReason_isShortened() {
    assertThat(Outcome.failed("x".repeat(2000), 1).reason()).hasSize(Outcome.MAX_REASON + 3);
  }
}
