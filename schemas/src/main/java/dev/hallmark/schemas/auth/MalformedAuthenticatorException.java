package dev.hallmark.schemas.auth;

/**
 * The bytes in a decision's {@code authenticator} field are not an authenticator this code can
 * read. The message says why (length, version), never the bytes.
 */
public final class MalformedAuthenticatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedAuthenticatorException(String problem) {
    super(problem);
  }
}
