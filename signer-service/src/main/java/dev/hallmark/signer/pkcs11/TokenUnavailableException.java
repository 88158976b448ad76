package dev.hallmark.signer.pkcs11;

/**
 * The PKCS#11 token cannot be used: the module does not load, the slot does not exist, or the
 * provider cannot be configured. Carries what was tried; never a PIN.
 */
public final class TokenUnavailableException extends RuntimeException {
  private final String library;
  private final String slot;

  public TokenUnavailableException(String library, String slot, String problem, Throwable cause) {
    super("PKCS#11 token at " + slot + " of " + library + ": " + problem, cause);
    this.library = library;
    this.slot = slot;
  }

  public String library() {
    return library;
  }

  /** The slot as configured, e.g. {@code slot-list-index 0} or {@code token label 'x'}. */
  public String slot() {
    return slot;
  }
}
