package dev.hallmark.policy.decision;

/**
 * The decision key cannot be used, so the service does not start: policy-service announces no
 * decision it cannot authenticate. The message names the setting, the file and the problem, never
 * key material.
 */
public final class DecisionKeyConfigurationException extends RuntimeException {
  DecisionKeyConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
