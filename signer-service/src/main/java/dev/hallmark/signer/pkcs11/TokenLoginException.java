package dev.hallmark.signer.pkcs11;

/** Logging in to the token with the configured user PIN failed. The PIN is not part of it. */
public final class TokenLoginException extends RuntimeException {
  private final String token;

  public TokenLoginException(String token, Throwable cause) {
    super("login to PKCS#11 token " + token + " failed: " + rootMessage(cause), cause);
    this.token = token;
  }

  public String token() {
    return token;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    // SunPKCS11 reports the PKCS#11 return code, e.g. CKR_PIN_INCORRECT.
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
