package dev.hallmark.publisher.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.notary.CanonicalJson;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotaryGrantTest {
  static final String DIGEST = "sha256:" + "a".repeat(64);
  static final UUID REQUEST = UUID.randomUUID();

  @Test
  void grantOfTheEventsImageAndRequest_isRead() {
    NotaryGrant grant =
        NotaryGrant.of(event(payload("registry.example/demo/app", DIGEST, REQUEST)));

    assertThat(grant.gun()).isEqualTo("registry.example/demo/app");
    assertThat(grant.tags()).containsExactly("1.0", "latest");
    assertThat(grant.requestId()).isEqualTo(REQUEST);
  }

  @Test
  void grantForAnotherRepositoryDigestOrRequest_isRefused() {
    assertThatThrownBy(
            () -> NotaryGrant.of(event(payload("registry.example/other", DIGEST, REQUEST))))
        .hasMessageContaining("grant names registry.example/other");
    assertThatThrownBy(
            () ->
                NotaryGrant.of(
                    event(
                        payload("registry.example/demo/app", "sha256:" + "b".repeat(64), REQUEST))))
        .hasMessageContaining("another digest");
    assertThatThrownBy(
            () ->
                NotaryGrant.of(
                    event(payload("registry.example/demo/app", DIGEST, UUID.randomUUID()))))
        .hasMessageContaining("another request");
  }

  static byte[] payload(String gun, String digest, UUID requestId) {
    return CanonicalJson.encode(
        Map.of(
            "_type",
            "HallmarkNotaryGrant",
            "digest",
            digest,
            "gun",
            gun,
            "requestId",
            requestId.toString(),
            "tags",
            List.of("1.0", "latest")));
  }

  static SignatureCreated event(byte[] payload) {
    return SignatureCreated.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(REQUEST)
        .setOccurredAt(Instant.now())
        .setImage(
            ImageRef.newBuilder()
                .setRegistry("registry.example")
                .setRepository("demo/app")
                .setDigest(DIGEST)
                .setTags(List.of("1.0"))
                .build())
        .setMethod(SigningMethod.NOTARY)
        .setKeyId("k")
        .setPayload(ByteBuffer.wrap(payload))
        .setSignature(ByteBuffer.wrap(new byte[] {1}))
        .setPayloadDigest("sha256:" + "0".repeat(64))
        .build();
  }
}
