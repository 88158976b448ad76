package dev.hallmark.signer.signers;

/**
 * A key holder failed to sign (HSM unreachable, session lost, key removed). Possibly transient: the
 * decision is retried. The message names the key, never the data or a secret.
 */
public final class SigningException extends RuntimeException {
  private final String keyDescription;

  public SigningException(String keyDescription, Throwable cause) {
    super("signing with " + keyDescription + " failed: " + safeCause(cause), cause);
    this.keyDescription = keyDescription;
  }

  /** Which key failed, e.g. {@code PKCS#11 key 'hallmark-demo-cosign'}. */
  public String keyDescription() {
    return keyDescription;
  }

  private static String safeCause(Throwable cause) {
    // Provider messages name PKCS#11 return codes (CKR_*) or JCA problems, never key material.
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
