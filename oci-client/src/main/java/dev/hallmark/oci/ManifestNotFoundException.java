package dev.hallmark.oci;

/** No manifest under this tag or digest (HTTP 404, {@code MANIFEST_UNKNOWN}). */
public final class ManifestNotFoundException extends RegistryException {
  private final String reference;

  ManifestNotFoundException(RepositoryRef target, String reference) {
    super(target, 404, "manifest " + reference + " not found", null);
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
