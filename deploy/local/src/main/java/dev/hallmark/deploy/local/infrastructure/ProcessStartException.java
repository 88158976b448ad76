package dev.hallmark.deploy.local.infrastructure;

/** A process could not be launched, or exited before it became ready. */
public final class ProcessStartException extends InfrastructureException {
  private final String logTail;

  public ProcessStartException(String component, String reason, String logTail, Throwable cause) {
    super(component, reason + LogTail.section(logTail), cause);
    this.logTail = logTail;
  }

  /** The last lines of the component's log at the time of the failure. */
  public String logTail() {
    return logTail;
  }
}
