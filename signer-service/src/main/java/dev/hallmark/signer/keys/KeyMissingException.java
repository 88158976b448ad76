package dev.hallmark.signer.keys;

/** A configured PKCS#11 key is not in the token and may not be created. */
public final class KeyMissingException extends RuntimeException {
  private final String keyId;
  private final String label;

  public KeyMissingException(String keyId, String label, String token) {
    super(
        "signing key '"
            + keyId
            + "': no key labelled '"
            + label
            + "' in PKCS#11 token "
            + token
            + "; check the label and token, or set "
            + KeyProperties.PREFIX
            + "."
            + keyId
            + ".create-if-missing: true to generate it there");
    this.keyId = keyId;
    this.label = label;
  }

  public String keyId() {
    return keyId;
  }

  public String label() {
    return label;
  }
}
