package dev.hallmark.intake.auth;

/** No valid credential was presented: answered 401 with {@code WWW-Authenticate: Bearer}. */
public final class NotAuthenticatedException extends RuntimeException {
  public NotAuthenticatedException(String message) {
    super(message);
  }
}
