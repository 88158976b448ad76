package dev.hallmark.signer.keys;

/**
 * The key behind a key id is not the one recorded for that id: the token or key file was replaced.
 * Verifiers trust the recorded public key, so the service refuses to start rather than sign under
 * the old id with a new key.
 */
public final class KeyMismatchException extends RuntimeException {
  private final String keyId;
  private final String recordedFingerprint;
  private final String actualFingerprint;

  public KeyMismatchException(String keyId, String recordedFingerprint, String actualFingerprint) {
    super(
        "signing key '"
            + keyId
            + "' is now "
            + actualFingerprint
            + " but was recorded as "
            + recordedFingerprint
            + "; restore the original key, or configure the new one under a new key id (a key"
            + " id never changes its key)");
    this.keyId = keyId;
    this.recordedFingerprint = recordedFingerprint;
    this.actualFingerprint = actualFingerprint;
  }

  public String keyId() {
    return keyId;
  }

  public String recordedFingerprint() {
    return recordedFingerprint;
  }

  public String actualFingerprint() {
    return actualFingerprint;
  }
}
