package dev.hallmark.oci;

/**
 * The registry rejected a request for a reason other than authentication or absence (any other 4xx,
 * or an unexpected status), e.g. {@code MANIFEST_INVALID} or {@code MANIFEST_BLOB_UNKNOWN}. {@link
 * #errorCode()} is the first code of the distribution error body, if there was one.
 */
public final class RegistryRequestException extends RegistryException {
  private final String errorCode;

  RegistryRequestException(RepositoryRef target, int status, String errorCode, String message) {
    super(target, status, message + (errorCode == null ? "" : " [" + errorCode + "]"), null);
    this.errorCode = errorCode;
  }

  /** e.g. {@code MANIFEST_INVALID}; null when the body had no distribution error. */
  public String errorCode() {
    return errorCode;
  }
}
