package dev.hallmark.signer.cosign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The payload's shape, parsed as strictly as containers/image does (docs/formats.md, "The
 * simple-signing payload").
 */
class SimpleSigningPayloadTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final UUID REQUEST = UUID.fromString("0b7d3f0e-5a4e-4c55-9f0b-2a4f7a0e6c11");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

  static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  @Test
  void build_imageWithTags_hasExactlyTheStrictShape() throws Exception {
    JsonNode payload = parse(build(image(List.of("1.0", "latest")), null));

    assertThat(fieldNames(payload)).containsExactly("critical", "optional");
    JsonNode critical = payload.get("critical");
    assertThat(fieldNames(critical)).containsExactlyInAnyOrder("identity", "image", "type");
    assertThat(fieldNames(critical.get("identity"))).containsExactly("docker-reference");
    assertThat(critical.get("identity").get("docker-reference").textValue())
        .isEqualTo("registry.example:5000/team/app");
    assertThat(fieldNames(critical.get("image"))).containsExactly("docker-manifest-digest");
    assertThat(critical.get("image").get("docker-manifest-digest").textValue()).isEqualTo(DIGEST);
    assertThat(critical.get("type").textValue()).isEqualTo("cosign container image signature");

    JsonNode optional = payload.get("optional");
    assertThat(fieldNames(optional))
        .containsExactlyInAnyOrder("timestamp", "dev.hallmark/request-id", "dev.hallmark/tags");
    assertThat(optional.get("timestamp").isIntegralNumber()).isTrue();
    assertThat(optional.get("timestamp").longValue()).isEqualTo(CLOCK.instant().getEpochSecond());
    assertThat(optional.get("dev.hallmark/request-id").textValue()).isEqualTo(REQUEST.toString());
    assertThat(optional.get("dev.hallmark/tags").textValue()).isEqualTo("1.0,latest");
  }

  @Test
  void build_noTags_omitsTagsKey() throws Exception {
    JsonNode optional = parse(build(image(List.of()), null)).get("optional");

    assertThat(fieldNames(optional))
        .containsExactlyInAnyOrder("timestamp", "dev.hallmark/request-id");
  }

  @Test
  void build_withOrigin_addsPresentOriginFieldsAndVerifiedAsString() throws Exception {
    Origin origin =
        Origin.newBuilder()
            .setRepositoryUrl("https://git.example/team/app")
            .setRef("refs/heads/main")
            .setCommit("0123456789abcdef0123456789abcdef01234567")
            .setBuildUrl(null)
            .setVerified(true)
            .setIssuer("https://ci.example")
            .setClaims(Map.of("sub", "repo:team/app"))
            .build();

    JsonNode optional = parse(build(image(List.of("1.0")), origin)).get("optional");

    assertThat(fieldNames(optional))
        .containsExactlyInAnyOrder(
            "timestamp",
            "dev.hallmark/request-id",
            "dev.hallmark/tags",
            "dev.hallmark/origin.repository-url",
            "dev.hallmark/origin.ref",
            "dev.hallmark/origin.commit",
            "dev.hallmark/origin.verified",
            "dev.hallmark/origin.issuer");
    assertThat(optional.get("dev.hallmark/origin.verified").isTextual()).isTrue();
    assertThat(optional.get("dev.hallmark/origin.verified").textValue()).isEqualTo("true");
    assertThat(optional.get("dev.hallmark/origin.issuer").textValue())
        .isEqualTo("https://ci.example");
    assertThat(optional.get("dev.hallmark/origin.repository-url").textValue())
        .isEqualTo("https://git.example/team/app");
  }

  @Test
  void build_unverifiedOriginNamingAnIssuer_leavesTheIssuerOut() throws Exception {
    Origin origin =
        Origin.newBuilder()
            .setRepositoryUrl(null)
            .setRef("refs/heads/main")
            .setCommit(null)
            .setBuildUrl(null)
            .setVerified(false)
            .setIssuer("https://ci.example")
            .build();

    JsonNode optional = parse(build(image(List.of("1.0")), origin)).get("optional");

    assertThat(optional.get("dev.hallmark/origin.verified").textValue()).isEqualTo("false");
    assertThat(optional.has("dev.hallmark/origin.issuer")).isFalse();
  }

  @Test
  void build_sameInput_givesIdenticalBytesInFixedKeyOrder() {
    byte[] first = build(image(List.of("1.0")), null);
    byte[] second = build(image(List.of("1.0")), null);

    assertThat(first).isEqualTo(second);
    assertThat(new String(first, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example:5000/team/app\"},"
                + "\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"cosign container image signature\"},"
                + "\"optional\":{\"dev.hallmark/request-id\":\""
                + REQUEST
                + "\",\"dev.hallmark/tags\":\"1.0\",\"timestamp\":"
                + CLOCK.instant().getEpochSecond()
                + "}}");
  }

  @Test
  void build_malformedDigest_isRefusedNamingTheField() {
    ImageRef image = image(List.of());
    image.setDigest("sha256:1234");

    assertThatThrownBy(() -> build(image, null))
        .isInstanceOf(UnsignableImageException.class)
        .extracting(e -> ((UnsignableImageException) e).field())
        .isEqualTo("digest");
  }

  @Test
  void build_repositoryWithTagOrUpperCase_isRefused() {
    for (String repository : List.of("team/app:1.0", "team/App", "team/app@sha256:ab", "")) {
      ImageRef image = image(List.of());
      image.setRepository(repository);

      assertThatThrownBy(() -> build(image, null))
          .as(repository)
          .isInstanceOf(UnsignableImageException.class)
          .hasMessageContaining("repository");
    }
  }

  @Test
  void build_registryWithPath_isRefused() {
    ImageRef image = image(List.of());
    image.setRegistry("registry.example/evil");

    assertThatThrownBy(() -> build(image, null)).isInstanceOf(UnsignableImageException.class);
  }

  @Test
  void build_tagWithComma_isRefused() {
    assertThatThrownBy(() -> build(image(List.of("a,b")), null))
        .isInstanceOf(UnsignableImageException.class)
        .hasMessageContaining("tags");
  }

  @Test
  void strictParser_duplicateKey_isRejected() {
    // The parser used above really is strict: a payload with a duplicate key does not pass.
    String duplicate = "{\"critical\":{},\"critical\":{}}";

    assertThatThrownBy(() -> STRICT.readTree(duplicate)).hasMessageContaining("Duplicate field");
  }

  static byte[] build(ImageRef image, Origin origin) {
    return SimpleSigningPayload.build(image, REQUEST, origin, CLOCK.instant());
  }

  static ImageRef image(List<String> tags) {
    return ImageRef.newBuilder()
        .setRegistry("registry.example:5000")
        .setRepository("team/app")
        .setDigest(DIGEST)
        .setTags(new ArrayList<>(tags))
        .build();
  }

  static JsonNode parse(byte[] payload) throws Exception {
    try (JsonParser parser = STRICT.createParser(payload)) {
      return STRICT.readTree(parser);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    assertThat(node.isObject()).as("%s is an object", node).isTrue();
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
