package dev.hallmark.signer.signers;

/** An existing key is not of the type its configuration names; it is never used silently. */
public final class KeyTypeMismatchException extends RuntimeException {
  private final String keyDescription;
  private final SigningAlgorithm configured;
  private final String actual;

  public KeyTypeMismatchException(
      String keyDescription, SigningAlgorithm configured, String actual) {
    super(
        keyDescription
            + " is "
            + actual
            + " but configured as "
            + configured
            + "; fix the algorithm in the configuration or use another label");
    this.keyDescription = keyDescription;
    this.configured = configured;
    this.actual = actual;
  }

  public String keyDescription() {
    return keyDescription;
  }

  public SigningAlgorithm configured() {
    return configured;
  }

  /** What the key really is, e.g. {@code RSA 2048}. */
  public String actual() {
    return actual;
  }
}
