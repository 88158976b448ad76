package dev.hallmark.signer.decisions;

import java.util.List;

/**
 * The trusted decision keys cannot be used, so the service does not start: without them it could
 * sign nothing, or worse, anything. The message names the setting and every problem (file and what
 * is wrong), never key material.
 */
public final class DecisionKeyConfigurationException extends RuntimeException {
  DecisionKeyConfigurationException(String setting, List<String> problems) {
    super(setting + ": " + String.join("; ", problems));
  }
}
