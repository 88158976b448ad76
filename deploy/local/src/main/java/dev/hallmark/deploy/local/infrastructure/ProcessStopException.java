package dev.hallmark.deploy.local.infrastructure;

/** A process was still alive after the graceful stop and SIGKILL waits. */
public final class ProcessStopException extends InfrastructureException {
  private final long pid;

  public ProcessStopException(String component, long pid) {
    super(component, "process " + pid + " is still alive after SIGKILL", null);
    this.pid = pid;
  }

  public long pid() {
    return pid;
  }
}
