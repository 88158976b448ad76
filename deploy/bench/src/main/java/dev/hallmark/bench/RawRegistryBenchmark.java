package dev.hallmark.bench;

import dev.hallmark.oci.Digests;
import dev.hallmark.oci.MediaTypes;
import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RepositoryRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The registry's raw rate for cosign-format signature publications: a direct OCI client doing, per
 * image digest, exactly the calls registry-publisher makes, with no Kafka and no services in
 * between: read {@code sha256-<hex>.sig} (absent), upload the payload blob and the config blob, put
 * the manifest, read it back (7 calls; keep this in step with {@code CosignSignatureStore}). The
 * digests are random; a signature tag does not need its image to exist.
 */
final class RawRegistryBenchmark {
  private static final String PAYLOAD_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

  private final RegistryClient registry;
  private final RepositoryRef repository;

  RawRegistryBenchmark(RegistryClient registry, RepositoryRef repository) {
    this.registry = registry;
    this.repository = repository;
  }

  /** Publishes one signature for a fresh random digest. */
  void publishOne() {
    byte[] digestBytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(digestBytes);
    String imageDigest = "sha256:" + HexFormat.of().formatHex(digestBytes);
    String tag = imageDigest.replace(':', '-') + ".sig";
    registry.findManifest(repository, tag);
    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\""
                + repository
                + "\"},\"image\":{\"docker-manifest-digest\":\""
                + imageDigest
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
            .getBytes(StandardCharsets.UTF_8);
    String payloadDigest = Digests.sha256(payload);
    registry.uploadBlob(repository, payload);
    byte[] config =
        ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"os\":\"\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + payloadDigest
                + "\"]},\"config\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = Digests.sha256(config);
    registry.uploadBlob(repository, config);
    byte[] signature = new byte[71];
    ThreadLocalRandom.current().nextBytes(signature);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG
                + "\",\"size\":"
                + config.length
                + ",\"digest\":\""
                + configDigest
                + "\"},\"layers\":[{\"mediaType\":\""
                + PAYLOAD_TYPE
                + "\",\"size\":"
                + payload.length
                + ",\"digest\":\""
                + payloadDigest
                + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
                + Base64.getEncoder().encodeToString(signature)
                + "\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    registry.putManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest);
    registry.getManifest(repository, tag);
  }
}
