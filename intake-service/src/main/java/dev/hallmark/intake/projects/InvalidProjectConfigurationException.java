package dev.hallmark.intake.projects;

/** The projects configuration is wrong at {@code key}; the service refuses to start. */
public final class InvalidProjectConfigurationException extends RuntimeException {
  private final String key;

  public InvalidProjectConfigurationException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
