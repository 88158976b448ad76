package dev.hallmark.audit.checkpoint;

/** The audit key setting is missing or names no usable key; the service does not start. */
public final class AuditKeyConfigurationException extends RuntimeException {
  public AuditKeyConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
