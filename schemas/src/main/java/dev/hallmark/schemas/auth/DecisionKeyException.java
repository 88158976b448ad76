package dev.hallmark.schemas.auth;

/**
 * A decision key (file) cannot be used: missing, unreadable, not PEM, or not an Ed25519 key of the
 * expected kind. The message names the file and the problem, never key material.
 */
public final class DecisionKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DecisionKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
