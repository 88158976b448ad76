package dev.hallmark.publisher.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.oci.Digests;
import dev.hallmark.oci.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sha256-<hex>.sig} manifest of cosign's tag-based storage: an OCI image manifest whose
 * layers are signatures ({@link CosignLayer}). Existing layers are kept exactly as read (JSON
 * trees), including annotations Hallmark does not write itself (e.g. a Rekor bundle added by
 * cosign), so that a read-modify-write never drops someone else's signature.
 */
final class SigManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ObjectNode> layers;
  private final JsonNode annotations;

  private SigManifest(List<ObjectNode> layers, JsonNode annotations) {
    this.layers = layers;
    this.annotations = annotations;
  }

  static SigManifest empty() {
    return new SigManifest(new ArrayList<>(), null);
  }

  /**
   * Reads an existing {@code .sig} manifest, OCI or (as old cosign versions wrote) Docker schema 2.
   *
   * @throws InvalidSignatureManifestException if it is not an image manifest with a layer list
   */
  static SigManifest parse(byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      throw new InvalidSignatureManifestException("existing signature manifest is not JSON");
    }
    if (root == null
        || root.path("schemaVersion").asInt() != 2
        || !root.path("layers").isArray()
        || root.has("manifests")) {
      throw new InvalidSignatureManifestException(
          "existing signature manifest is not an image manifest with layers");
    }
    List<ObjectNode> layers = new ArrayList<>();
    for (JsonNode layer : root.path("layers")) {
      if (!layer.isObject() || !Digests.isSha256(layer.path("digest").asText(null))) {
        throw new InvalidSignatureManifestException(
            "existing signature manifest has a layer without a sha256 digest");
      }
      layers.add((ObjectNode) layer.deepCopy());
    }
    return new SigManifest(layers, root.get("annotations"));
  }

  /** Whether a layer with this payload digest and this exact signature annotation exists. */
  boolean contains(CosignLayer signature) {
    String base64 = signature.signatureBase64();
    return layers.stream()
        .anyMatch(
            layer ->
                signature.payloadDigest().equals(layer.path("digest").asText())
                    && base64.equals(
                        layer.path("annotations").path(CosignLayer.SIGNATURE).asText(null)));
  }

  int size() {
    return layers.size();
  }

  /** A copy with {@code signature} appended as the last layer. */
  SigManifest with(CosignLayer signature) {
    ObjectNode layer = JSON.createObjectNode();
    layer.put("mediaType", CosignLayer.MEDIA_TYPE);
    layer.put("size", signature.payload().length);
    layer.put("digest", signature.payloadDigest());
    ObjectNode layerAnnotations = layer.putObject("annotations");
    layerAnnotations.put(CosignLayer.SIGNATURE, signature.signatureBase64());
    if (signature.leafCertificate() != null) {
      layerAnnotations.put(CosignLayer.CERTIFICATE, signature.leafCertificate());
    }
    if (signature.chain() != null) {
      layerAnnotations.put(CosignLayer.CHAIN, signature.chain());
    }
    List<ObjectNode> copy = new ArrayList<>(layers);
    copy.add(layer);
    return new SigManifest(copy, annotations);
  }

  /**
   * The image config cosign writes for a signature image (go-containerregistry's config of {@code
   * empty.Image} with appended static layers): empty architecture and os, zero timestamps, one
   * history entry and one diff id per layer. The layers are uncompressed, so diff id = digest.
   */
  byte[] config() {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "");
    config.put("created", "0001-01-01T00:00:00Z");
    ArrayNode history = config.putArray("history");
    config.put("os", "");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    for (ObjectNode layer : layers) {
      history.addObject().put("created", "0001-01-01T00:00:00Z");
      diffIds.add(layer.path("digest").asText());
    }
    config.putObject("config");
    return bytes(config);
  }

  /** The OCI image manifest referencing {@code config} and every layer, as cosign orders fields. */
  byte[] manifest(byte[] config) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    ObjectNode configDescriptor = manifest.putObject("config");
    configDescriptor.put("mediaType", MediaTypes.OCI_CONFIG);
    configDescriptor.put("size", config.length);
    configDescriptor.put("digest", Digests.sha256(config));
    ArrayNode layerArray = manifest.putArray("layers");
    layers.forEach(layerArray::add);
    if (annotations != null && annotations.isObject()) {
      manifest.set("annotations", annotations);
    }
    return bytes(manifest);
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
