package dev.hallmark.oci;

import java.time.Duration;

/**
 * Internal signal from one attempt to {@link Retrier}: the attempt failed in a way that may pass
 * (connection error, timeout, 5xx, 429). Never leaves the client; {@link Retrier} turns the last
 * one into a {@link RegistryUnavailableException}.
 */
final class TransientFailure extends Exception {
  private final int status;
  private final Duration retryAfter;

  TransientFailure(int status, String message, Duration retryAfter, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  int status() {
    return status;
  }

  /** The server's Retry-After, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
