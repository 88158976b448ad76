package dev.hallmark.signer.api;

/** The key exists but its holder keeps no certificate for it (a PEM private key file). */
final class NoCertificateException extends RuntimeException {
  private final String keyId;

  NoCertificateException(String keyId) {
    super("signing key '" + keyId + "' has no certificate");
    this.keyId = keyId;
  }

  String keyId() {
    return keyId;
  }
}
