package dev.hallmark.publisher.cosign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.oci.Digests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigManifestTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static CosignLayer layer(String payload, String signature, String certificate) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return new CosignLayer(
        bytes, Digests.sha256(bytes), signature.getBytes(StandardCharsets.UTF_8), certificate);
  }

  @Test
  void with_onEmpty_writesCosignManifestAndConfig() throws Exception {
    CosignLayer signature = layer("{\"critical\":{}}", "sig-1", null);
    SigManifest manifest = SigManifest.empty().with(signature);

    byte[] config = manifest.config();
    JsonNode root = JSON.readTree(manifest.manifest(config));

    assertThat(root.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(root.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(root.path("config").path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.config.v1+json");
    assertThat(root.path("config").path("digest").asText()).isEqualTo(Digests.sha256(config));
    assertThat(root.path("config").path("size").asInt()).isEqualTo(config.length);
    JsonNode only = root.path("layers").get(0);
    assertThat(only.path("mediaType").asText()).isEqualTo(CosignLayer.MEDIA_TYPE);
    assertThat(only.path("digest").asText()).isEqualTo(signature.payloadDigest());
    assertThat(only.path("size").asInt()).isEqualTo(signature.payload().length);
    assertThat(only.path("annotations").path(CosignLayer.SIGNATURE).asText())
        .isEqualTo(signature.signatureBase64());
    assertThat(only.path("annotations").has(CosignLayer.CERTIFICATE)).isFalse();
    JsonNode configJson = JSON.readTree(config);
    assertThat(configJson.path("rootfs").path("type").asText()).isEqualTo("layers");
    assertThat(configJson.path("rootfs").path("diff_ids").get(0).asText())
        .isEqualTo(signature.payloadDigest());
    assertThat(configJson.path("history")).hasSize(1);
  }

  @Test
  void parseThenWith_keepsExistingLayersVerbatimAndAppends() throws Exception {
    String existing =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":1,"
            + "\"digest\":\"sha256:"
            + "1".repeat(64)
            + "\"},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\","
            + "\"size\":3,\"digest\":\"sha256:"
            + "2".repeat(64)
            + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"b3RoZXI=\","
            + "\"dev.sigstore.cosign/bundle\":\"{\\\"SignedEntryTimestamp\\\":\\\"x\\\"}\"}}]}";
    CosignLayer added = layer("payload", "sig-2", null);

    SigManifest manifest = SigManifest.parse(existing.getBytes(StandardCharsets.UTF_8)).with(added);
    JsonNode layers = JSON.readTree(manifest.manifest(manifest.config())).path("layers");

    assertThat(layers).hasSize(2);
    assertThat(layers.get(0)).isEqualTo(JSON.readTree(existing).path("layers").get(0));
    assertThat(layers.get(1).path("digest").asText()).isEqualTo(added.payloadDigest());
    assertThat(manifest.contains(added)).isTrue();
  }

  @Test
  void contains_samePayloadOtherSignature_isFalse() {
    CosignLayer first = layer("payload", "sig-a", null);
    SigManifest manifest = SigManifest.empty().with(first);

    assertThat(manifest.contains(first)).isTrue();
    assertThat(manifest.contains(layer("payload", "sig-b", null))).isFalse();
    assertThat(manifest.contains(layer("other", "sig-a", null))).isFalse();
  }

  @Test
  void with_certificateChain_splitsLeafAndChainAnnotations() throws Exception {
    String leaf = "-----BEGIN CERTIFICATE-----\nTEFG\n-----END CERTIFICATE-----\n";
    String ca = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n";
    SigManifest manifest = SigManifest.empty().with(layer("p", "s", leaf + ca));

    JsonNode annotations =
        JSON.readTree(manifest.manifest(manifest.config()))
            .path("layers")
            .get(0)
            .path("annotations");

    assertThat(annotations.path(CosignLayer.CERTIFICATE).asText()).isEqualTo(leaf);
    assertThat(annotations.path(CosignLayer.CHAIN).asText()).isEqualTo(ca);
  }

  @Test
  void parse_indexOrGarbage_isRejected() {
    assertThatThrownBy(
            () ->
                SigManifest.parse(
                    "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidSignatureManifestException.class);
    assertThatThrownBy(() -> SigManifest.parse("nope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidSignatureManifestException.class);
  }

  @Test
  void signatureTagAndLocation_followCosignNaming() {
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(CosignSignatureStore.signatureTag(digest))
        .isEqualTo("sha256-" + "ab".repeat(32) + ".sig");
    assertThat(
            CosignSignatureStore.location(
                new dev.hallmark.oci.RepositoryRef("registry.example:5000", "demo/app"), digest))
        .isEqualTo("registry.example:5000/demo/app:sha256-" + "ab".repeat(32) + ".sig");
  }
}
