package dev.hallmark.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.deploy.local.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RegistryClient} against the real docker-registry (CNCF distribution) of the tests. */
class RegistryClientIT {
  static String registryHost;

  @BeforeAll
  static void registry() {
    Optional<String> registry = TestInfrastructure.shared().registry();
    assumeTrue(registry.isPresent(), "no registry in this test infrastructure");
    registryHost = registry.get();
  }

  private final RegistryClient client = RegistryClient.builder().build();
  private final RepositoryRef repo =
      new RepositoryRef(
          registryHost, "it/oci-client-" + UUID.randomUUID().toString().substring(0, 8));

  @Test
  void pushBlobsAndManifest_thenResolveGetAndReadBack_agreeWithTheRegistry() {
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

    String configDigest = client.uploadBlob(repo, config);
    String layerDigest = client.uploadBlob(repo, layer);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\","
                + "\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG
                + "\",\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\","
                + "\"digest\":\""
                + layerDigest
                + "\",\"size\":"
                + layer.length
                + ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"c2ln\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    String digest = client.putManifest(repo, "v1", MediaTypes.OCI_MANIFEST, manifest);

    assertThat(client.blobExists(repo, configDigest)).isTrue();
    assertThat(client.getBlob(repo, layerDigest)).isEqualTo(layer);
    ManifestDescriptor resolved = client.resolve(repo, "v1");
    assertThat(resolved.digest()).isEqualTo(digest).isEqualTo(Digests.sha256(manifest));
    assertThat(resolved.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(resolved.size()).isEqualTo(manifest.length);
    Manifest byTag = client.getManifest(repo, "v1");
    assertThat(byTag.content()).isEqualTo(manifest);
    assertThat(client.getManifest(repo, digest).digest()).isEqualTo(digest);
  }

  @Test
  void missingThings_areReportedAsNotFound() {
    assertThat(client.findManifest(repo, "absent")).isEmpty();
    assertThatThrownBy(() -> client.resolve(repo, "absent"))
        .isInstanceOf(ManifestNotFoundException.class);
    assertThat(client.blobExists(repo, Digests.sha256(new byte[] {42}))).isFalse();
    assertThatThrownBy(() -> client.getBlob(repo, Digests.sha256(new byte[] {42})))
        .isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void putManifest_referencingMissingBlob_isRejectedWithDistributionErrorCode() {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\","
                + "\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG
                + "\",\"digest\":\""
                + Digests.sha256(new byte[] {1})
                + "\",\"size\":1},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> client.putManifest(repo, "broken", MediaTypes.OCI_MANIFEST, manifest))
        .isInstanceOfSatisfying(
            RegistryRequestException.class,
            e -> assertThat(e.errorCode()).isEqualTo("MANIFEST_BLOB_UNKNOWN"));
  }
}
