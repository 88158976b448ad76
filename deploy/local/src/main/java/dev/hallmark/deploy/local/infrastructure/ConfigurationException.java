package dev.hallmark.deploy.local.infrastructure;

/** A setting (environment variable, system property, directory) is missing or invalid. */
public final class ConfigurationException extends InfrastructureException {
  private final String setting;

  public ConfigurationException(String component, String setting, String problem) {
    super(component, setting + ": " + problem, null);
    this.setting = setting;
  }

  /** The name of the offending setting, e.g. {@code HALLMARK_PG_PORT}. */
  public String setting() {
    return setting;
  }
}
