package dev.hallmark.oci;

/** No blob with this digest in the repository (HTTP 404, {@code BLOB_UNKNOWN}). */
public final class BlobNotFoundException extends RegistryException {
  private final String digest;

  BlobNotFoundException(RepositoryRef target, String digest) {
    super(target, 404, "blob " + digest + " not found", null);
    this.digest = digest;
  }

  public String digest() {
    return digest;
  }
}
