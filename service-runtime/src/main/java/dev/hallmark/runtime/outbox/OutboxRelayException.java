package dev.hallmark.runtime.outbox;

/** A batch could not be relayed; it stays in the outbox and is retried. */
public final class OutboxRelayException extends RuntimeException {
  OutboxRelayException(String message, Throwable cause) {
    super(message, cause);
  }
}
