package dev.hallmark.deploy.local.infrastructure;

import java.time.Duration;

/** A process was started and stayed alive, but did not become ready within its bounded wait. */
public final class ReadinessTimeoutException extends InfrastructureException {
  private final Duration timeout;
  private final String logTail;

  public ReadinessTimeoutException(
      String component, Duration timeout, String lastProblem, String logTail, Throwable cause) {
    super(
        component,
        "not ready after "
            + timeout.toSeconds()
            + " s"
            + (lastProblem == null ? "" : " (last probe: " + lastProblem + ")")
            + LogTail.section(logTail),
        cause);
    this.timeout = timeout;
    this.logTail = logTail;
  }

  public Duration timeout() {
    return timeout;
  }

  public String logTail() {
    return logTail;
  }
}
