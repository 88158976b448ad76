package dev.hallmark.schemas.auth;

import java.util.List;

/**
 * The trusted decision keys a service is configured with cannot be used ({@link
 * TrustedDecisionKeyFiles}), so the service does not start: without them it could act on no
 * decision, or worse, on anyone's. The message names the setting and every problem (file and what
 * is wrong), never key material.
 */
public final class DecisionKeyConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DecisionKeyConfigurationException(String setting, List<String> problems) {
    super(setting + ": " + String.join("; ", problems));
  }
}
