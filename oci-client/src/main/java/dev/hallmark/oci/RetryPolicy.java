package dev.hallmark.oci;

import java.time.Duration;

/**
 * How often and how long {@link RegistryClient} retries an operation after a transient failure
 * (connection error or timeout, HTTP 5xx, HTTP 429): exponential backoff from {@code
 * initialBackoff}, doubled per attempt up to {@code maxBackoff}, at most {@code maxAttempts}
 * attempts and never past {@code maxTotal} since the first attempt. A {@code Retry-After} of a 429
 * or 503 is honoured up to {@code maxBackoff}.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
    if (maxTotal.isNegative()) {
      throw new IllegalArgumentException("maxTotal must not be negative");
    }
  }

  /** 4 attempts, 250 ms doubling to 4 s, at most 20 s in all. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        4, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(20));
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  Duration backoff(int failedAttempts) {
    long millis = initialBackoff.toMillis();
    for (int i = 1; i < failedAttempts && millis < maxBackoff.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
