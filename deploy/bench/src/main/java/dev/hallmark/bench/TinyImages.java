package dev.hallmark.bench;

import dev.hallmark.oci.Digests;
import dev.hallmark.oci.MediaTypes;
import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RepositoryRef;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique single-layer OCI images, pushed the way a CI job's push looks to the registry: blobs
 * first, then the manifest by tag, which fires the registry's push webhook. The layer is random
 * bytes (the registry does not unpack layers), so every image has its own digest. Faster than a
 * skopeo process per image, which would measure skopeo rather than Hallmark.
 */
final class TinyImages {
  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  private final RegistryClient registry;

  TinyImages(RegistryClient registry) {
    this.registry = registry;
  }

  /**
   * @return the manifest digest the registry reports
   */
  String push(RepositoryRef repository, String tag) {
    byte[] layer = new byte[512];
    ThreadLocalRandom.current().nextBytes(layer);
    String layerDigest = registry.uploadBlob(repository, layer);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\""
                + layerDigest
                + "\"]},\"config\":{\"Labels\":{\"bench.tag\":\""
                + tag
                + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = registry.uploadBlob(repository, config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\",\"config\":"
                + descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length)
                + ",\"layers\":["
                + descriptor(LAYER, layerDigest, layer.length)
                + "]}")
            .getBytes(StandardCharsets.UTF_8);
    String digest = registry.putManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest);
    if (!digest.equals(Digests.sha256(manifest))) {
      throw new IllegalStateException("registry stored " + digest + " for the pushed manifest");
    }
    return digest;
  }

  private static String descriptor(String mediaType, String digest, int size) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }
}
