package dev.hallmark.schemas.serde;

/**
 * The header is valid but names a writer schema this process does not know: either the producer
 * runs a newer {@code schemas} module (upgrade consumers before producers), or the bytes are not a
 * Hallmark event.
 */
public final class UnknownSchemaException extends EventDecodingException {

  private static final long serialVersionUID = 1L;

  private final long fingerprint;

  UnknownSchemaException(long fingerprint) {
    super(
        "No event schema with fingerprint "
            + SingleObjectEncoding.toHex(fingerprint)
            + " (CRC-64-AVRO) is known here; deploy the newer schemas module to this service first",
        null);
    this.fingerprint = fingerprint;
  }

  public long fingerprint() {
    return fingerprint;
  }

  /** The fingerprint as 16 hex digits, most significant first. */
  public String fingerprintHex() {
    return SingleObjectEncoding.toHex(fingerprint);
  }
}
