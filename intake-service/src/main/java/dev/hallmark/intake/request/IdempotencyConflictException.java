package dev.hallmark.intake.request;

/** An Idempotency-Key was used before for a different submission. */
public final class IdempotencyConflictException extends RuntimeException {
  public IdempotencyConflictException() {
    super("this Idempotency-Key was already used for a different submission");
  }
}
