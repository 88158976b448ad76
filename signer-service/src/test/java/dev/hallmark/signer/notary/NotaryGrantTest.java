package dev.hallmark.signer.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.ImageRef;
import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.signer.cosign.UnsignableImageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The grant payload: the fields registry-publisher reads, in canonical JSON. */
class NotaryGrantTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final UUID REQUEST = UUID.fromString("0b7d3f0e-5a4e-4c55-9f0b-2a4f7a0e6c11");

  @Test
  void payload_taggedImage_isExactlyTheCanonicalGrant() {
    byte[] payload = NotaryGrant.of(image(List.of("1.0", "latest")), REQUEST).payload();

    assertThat(new String(payload, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"_type\":\"HallmarkNotaryGrant\",\"digest\":\""
                + DIGEST
                + "\",\"gun\":\"registry.example:5000/team/app\",\"requestId\":\""
                + REQUEST
                + "\",\"tags\":[\"1.0\",\"latest\"]}");
    Map<String, Object> parsed = StrictJson.parseObject(payload).orElseThrow();
    assertThat(parsed.keySet())
        .containsExactlyInAnyOrder("_type", "digest", "gun", "requestId", "tags");
    assertThat(CanonicalJson.encode(parsed)).isEqualTo(payload);
  }

  @Test
  void parse_payloadOfAGrant_returnsTheGrant() {
    NotaryGrant grant = NotaryGrant.of(image(List.of("1.0")), REQUEST);

    assertThat(NotaryGrant.parse(grant.payload())).isEqualTo(grant);
    assertThat(grant.gun()).isEqualTo("registry.example:5000/team/app");
    assertThat(grant.digest()).isEqualTo(DIGEST);
    assertThat(grant.requestId()).isEqualTo(REQUEST);
  }

  @Test
  void of_tagTwice_listsItOnceInDecisionOrder() {
    NotaryGrant grant = NotaryGrant.of(image(List.of("2.0", "1.0", "2.0")), REQUEST);

    assertThat(grant.tags()).containsExactly("2.0", "1.0");
  }

  @Test
  void of_noTags_hasNoTags() {
    assertThat(NotaryGrant.of(image(List.of()), REQUEST).tags()).isEmpty();
  }

  @Test
  void untaggedReason_namesTheImageByDigest() {
    assertThat(NotaryGrant.untaggedReason(image(List.of())))
        .isEqualTo(
            "Notary v1 signs tags; registry.example:5000/team/app@"
                + DIGEST
                + " was requested without a tag");
  }

  @Test
  void of_malformedDigest_namesTheField() {
    ImageRef image = image(List.of("1.0"));
    image.setDigest("sha256:nothex");

    assertThatThrownBy(() -> NotaryGrant.of(image, REQUEST))
        .isInstanceOf(UnsignableImageException.class)
        .satisfies(e -> assertThat(((UnsignableImageException) e).field()).isEqualTo("digest"));
  }

  @Test
  void of_malformedTag_namesTheField() {
    assertThatThrownBy(() -> NotaryGrant.of(image(List.of("bad tag")), REQUEST))
        .isInstanceOf(UnsignableImageException.class)
        .satisfies(e -> assertThat(((UnsignableImageException) e).field()).isEqualTo("tags"));
  }

  @Test
  void of_repositoryWithTag_namesTheField() {
    ImageRef image = image(List.of("1.0"));
    image.setRepository("team/app:1.0");

    assertThatThrownBy(() -> NotaryGrant.of(image, REQUEST))
        .isInstanceOf(UnsignableImageException.class)
        .satisfies(e -> assertThat(((UnsignableImageException) e).field()).isEqualTo("repository"));
  }

  @Test
  void parse_otherPayload_isRefused() {
    byte[] cosign = "{\"critical\":{},\"optional\":{}}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> NotaryGrant.parse(cosign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_type");
  }

  static ImageRef image(List<String> tags) {
    return ImageRef.newBuilder()
        .setRegistry("registry.example:5000")
        .setRepository("team/app")
        .setDigest(DIGEST)
        .setTags(new ArrayList<>(tags))
        .build();
  }
}
