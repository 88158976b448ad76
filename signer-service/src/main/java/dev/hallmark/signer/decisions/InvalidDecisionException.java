package dev.hallmark.signer.decisions;

import java.util.UUID;

/**
 * An approved decision that can never be signed as it stands (no key id, a malformed image
 * reference). It is parked on the dead-letter topic at once, not retried.
 */
public final class InvalidDecisionException extends RuntimeException {
  private final UUID requestId;

  public InvalidDecisionException(UUID requestId, String problem, Throwable cause) {
    super("decision for request " + requestId + " cannot be signed: " + problem, cause);
    this.requestId = requestId;
  }

  public UUID requestId() {
    return requestId;
  }
}
