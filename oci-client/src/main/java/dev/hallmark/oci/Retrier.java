package dev.hallmark.oci;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one operation under a {@link RetryPolicy}. */
final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
  private final RetryPolicy policy;

  Retrier(RetryPolicy policy) {
    this.policy = policy;
  }

  /** One attempt of an operation; throws {@link TransientFailure} when it may be retried. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws TransientFailure;
  }

  <T> T run(RepositoryRef target, String operation, Attempt<T> attempt) {
    long start = System.nanoTime();
    int attempts = 0;
    while (true) {
      attempts++;
      try {
        return attempt.run();
      } catch (TransientFailure failure) {
        Duration wait = delay(attempts, failure);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (attempts >= policy.maxAttempts()
            || elapsed.plus(wait).compareTo(policy.maxTotal()) > 0) {
          throw new RegistryUnavailableException(
              target,
              failure.status(),
              attempts,
              operation + " failed: " + failure.getMessage(),
              failure.getCause());
        }
        LOG.debug(
            "{} {} failed ({}), attempt {}/{}, retrying in {} ms",
            operation,
            target,
            failure.getMessage(),
            attempts,
            policy.maxAttempts(),
            wait.toMillis());
        sleep(wait, target, operation);
      }
    }
  }

  private Duration delay(int failedAttempts, TransientFailure failure) {
    Duration backoff = policy.backoff(failedAttempts);
    // Jitter (50-100 % of the backoff) keeps many clients from retrying in lockstep.
    long millis = backoff.toMillis();
    if (millis > 1) {
      millis = millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }
    Duration wait = Duration.ofMillis(millis);
    if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
      wait =
          failure.retryAfter().compareTo(policy.maxBackoff()) > 0
              ? policy.maxBackoff()
              : failure.retryAfter();
    }
    return wait;
  }

  private static void sleep(Duration wait, RepositoryRef target, String operation) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(target, 0, operation + " interrupted", e);
    }
  }
}
