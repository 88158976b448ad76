package dev.hallmark.signer.cosign;

/**
 * An image reference in an approved decision that cannot be put into a cosign payload or a Notary
 * grant (malformed registry, repository, digest or tag). Invalid for good: retrying does not help.
 */
public final class UnsignableImageException extends RuntimeException {
  private final String field;

  public UnsignableImageException(String field, String problem) {
    super("image " + field + ": " + problem);
    this.field = field;
  }

  /** The {@code ImageRef} field at fault: registry, repository, digest or tags. */
  public String field() {
    return field;
  }
}
