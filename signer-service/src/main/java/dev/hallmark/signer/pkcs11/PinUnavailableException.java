package dev.hallmark.signer.pkcs11;

/** The user PIN could not be obtained. Says where it was looked for, never what it is. */
public final class PinUnavailableException extends RuntimeException {
  public PinUnavailableException(String problem) {
    super(problem);
  }

  public PinUnavailableException(String problem, Throwable cause) {
    super(problem, cause);
  }
}
