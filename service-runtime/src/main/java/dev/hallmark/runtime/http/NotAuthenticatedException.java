package dev.hallmark.runtime.http;

/**
 * A caller without valid credentials; answered 401 with a problem body and a bearer challenge. The
 * message says what is missing, never what was presented.
 */
public final class NotAuthenticatedException extends RuntimeException {
  public NotAuthenticatedException(String message) {
    super(message);
  }
}
