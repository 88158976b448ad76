package dev.hallmark.audit.checkpoint;

/** A signed checkpoint that does not parse or whose signature does not verify. */
public final class InvalidCheckpointException extends RuntimeException {
  public InvalidCheckpointException(String message) {
    super(message);
  }
}
