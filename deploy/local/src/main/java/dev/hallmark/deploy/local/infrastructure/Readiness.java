package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Bounded polling until a started process answers, failing early if the process dies. */
final class Readiness {
  private static final Duration INTERVAL = Duration.ofMillis(250);

  /** One readiness check; any exception means "not yet" unless it is an InfrastructureException. */
  @FunctionalInterface
  interface Probe {
    boolean ready() throws Exception;
  }

  private Readiness() {}

  static void await(
      String component, ProcessHandle process, Path logFile, Duration timeout, Probe probe) {
    Instant deadline = Instant.now().plus(timeout);
    String lastProblem = null;
    Throwable lastError = null;
    while (true) {
      try {
        if (probe.ready()) {
          return;
        }
        lastProblem = "not ready yet";
      } catch (InfrastructureException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProcessStartException(component, "interrupted while waiting", null, e);
      } catch (Exception e) {
        lastError = e;
        lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (!process.isAlive()) {
        throw new ProcessStartException(
            component,
            "process " + process.pid() + " exited before it was ready",
            LogTail.of(logFile),
            lastError);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ReadinessTimeoutException(
            component, timeout, lastProblem, LogTail.of(logFile), lastError);
      }
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProcessStartException(component, "interrupted while waiting", null, e);
      }
    }
  }
}
