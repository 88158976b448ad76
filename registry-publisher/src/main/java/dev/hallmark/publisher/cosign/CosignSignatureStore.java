package dev.hallmark.publisher.cosign;

import dev.hallmark.oci.Manifest;
import dev.hallmark.oci.MediaTypes;
import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RepositoryRef;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a signature to an image's cosign signature manifest, the way {@code cosign sign} does
 * (docs/formats.md, "Tag-based discovery and the signature manifest"): read {@code
 * <repository>:sha256-<hex>.sig} if it exists, keep its layers, append the new one unless the same
 * payload with the same signature is already there, upload the missing blobs, put the manifest,
 * then read it back and check the signature is in it. Blobs are uploaded without a HEAD first.
 *
 * <p>This is a read-modify-write of a tag, so concurrent writers of one digest must be serialized:
 * within a process the caller holds a lock per digest ({@code DigestLocks}); across instances the
 * signatures topic is keyed by image, so all signatures of one digest are consumed by one instance
 * in order. A writer outside Hallmark (someone running cosign by hand) can still race: the
 * read-back detects the lost update ({@link LostUpdateException}) and the caller retries.
 */
@Singleton
public class CosignSignatureStore {
  private static final Logger LOG = LoggerFactory.getLogger(CosignSignatureStore.class);
  private final RegistryClient registry;

  public CosignSignatureStore(RegistryClient registry) {
    this.registry = registry;
  }

  /** {@code sha256-<hex>.sig} for {@code sha256:<hex>}. */
  public static String signatureTag(String imageDigest) {
    return imageDigest.replace(':', '-') + ".sig";
  }

  /** {@code <registry>/<repository>:sha256-<hex>.sig}. */
  public static String location(RepositoryRef repository, String imageDigest) {
    return repository + ":" + signatureTag(imageDigest);
  }

  /**
   * Makes sure {@code signature} is a layer of the signature manifest of {@code imageDigest}.
   *
   * @return the location of the signature manifest
   * @throws LostUpdateException if another writer replaced the manifest concurrently
   * @throws InvalidSignatureManifestException if the tag holds something else
   * @throws dev.hallmark.oci.RegistryException if the registry failed
   */
  public String add(RepositoryRef repository, String imageDigest, CosignLayer signature) {
    String tag = signatureTag(imageDigest);
    Optional<Manifest> existing = registry.findManifest(repository, tag);
    SigManifest current =
        existing.map(manifest -> SigManifest.parse(manifest.content())).orElse(SigManifest.empty());
    if (current.contains(signature)) {
      LOG.info(
          "signature {} already in {}",
          signature.payloadDigest(),
          location(repository, imageDigest));
      return location(repository, imageDigest);
    }
    SigManifest updated = current.with(signature);
    ensureBlob(repository, signature.payload());
    byte[] config = updated.config();
    ensureBlob(repository, config);
    byte[] manifest = updated.manifest(config);
    String digest = registry.putManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest);

    // Read back: a concurrent writer may have replaced the tag after our read.
    Manifest stored = registry.getManifest(repository, tag);
    if (!SigManifest.parse(stored.content()).contains(signature)) {
      throw new LostUpdateException(
          "signature manifest "
              + tag
              + " was replaced concurrently; the new signature is not in it");
    }
    LOG.info(
        "published signature {} to {} ({} layer(s), manifest {})",
        signature.payloadDigest(),
        location(repository, imageDigest),
        updated.size(),
        digest);
    return location(repository, imageDigest);
  }

  /**
   * Uploads without asking first: the payload and config of a new signature are almost always new
   * to the repository, so a HEAD before the upload was a round trip spent for nothing (9 registry
   * calls per publication became 7), and uploading a blob the registry has already is harmless.
   */
  private void ensureBlob(RepositoryRef repository, byte[] content) {
    registry.uploadBlob(repository, content);
  }
}
