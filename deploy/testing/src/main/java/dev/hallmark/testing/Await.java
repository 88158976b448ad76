package dev.hallmark.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way tests wait for something that happens asynchronously: poll a probe every {@link
 * #POLL_INTERVAL} until its value is accepted, and fail with what was awaited and the last value
 * seen once the timeout has passed. Every wait is bounded.
 */
public final class Await {
  public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private Await() {}

  /** What a test looks at while it waits; it may throw, which ends the wait. */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /** A condition a test waits for; it may throw, which ends the wait. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code probe} until {@code accepted} holds for its value.
   *
   * @return the accepted value
   * @throws AssertionError after {@code timeout}, naming {@code what} and the last value
   */
  public static <T> T until(
      String what, Duration timeout, Probe<T> probe, Predicate<? super T> accepted)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (accepted.test(value)) {
        return value;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; last seen: " + value);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** Polls {@code condition} until it holds; fails after {@code timeout}, naming {@code what}. */
  public static void until(String what, Duration timeout, Condition condition) throws Exception {
    until(what, timeout, condition::holds, Boolean::booleanValue);
  }
}
