package dev.hallmark.signer.keys;

import java.util.List;

/** A key id that is not configured here. */
public final class UnknownKeyException extends RuntimeException {
  private final String keyId;

  public UnknownKeyException(String keyId, List<String> configured) {
    super("no signing key '" + keyId + "' is configured; configured: " + configured);
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
