package dev.hallmark.publisher.cosign;

/**
 * The {@code .sig} manifest read back after the PUT does not contain the new signature: another
 * writer replaced the tag between our read and write. Retryable: the next attempt reads the newer
 * manifest and adds to it.
 */
public final class LostUpdateException extends RuntimeException {
  LostUpdateException(String message) {
    super(message);
  }
}
