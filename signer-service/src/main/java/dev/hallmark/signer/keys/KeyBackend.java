package dev.hallmark.signer.keys;

/** Where a signing key lives. */
public enum KeyBackend {
  /** In a PKCS#11 token (an HSM; SoftHSM2 locally), generated there and not extractable. */
  PKCS11,
  /** In this process's memory, loaded from a file; for development only. */
  SOFTWARE;

  /** The configuration spelling: {@code pkcs11}, {@code software}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
