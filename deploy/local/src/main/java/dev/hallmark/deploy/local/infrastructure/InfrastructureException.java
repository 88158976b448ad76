package dev.hallmark.deploy.local.infrastructure;

/**
 * Base of every failure of the local launcher; each subclass is one failure mode and carries its
 * data, so that callers (tests, the stack command) can report it without parsing messages.
 */
public abstract class InfrastructureException extends RuntimeException {
  private final String component;

  protected InfrastructureException(String component, String message, Throwable cause) {
    super(component + ": " + message, cause);
    this.component = component;
  }

  /** The component that failed, e.g. {@code kafka}, {@code postgres}, {@code intake-service}. */
  public String component() {
    return component;
  }
}
