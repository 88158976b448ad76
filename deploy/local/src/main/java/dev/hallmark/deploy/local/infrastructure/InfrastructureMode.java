package dev.hallmark.deploy.local.infrastructure;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** How integration tests get their infrastructure; chosen by env {@code HALLMARK_INFRA}. */
public enum InfrastructureMode {
  /** Real Kafka, PostgreSQL and registry binaries as local processes. */
  LOCAL,
  /** Testcontainers; needs a Docker engine and Testcontainers on the classpath. */
  CONTAINERS,
  /** Given by HALLMARK_KAFKA_BOOTSTRAP, HALLMARK_JDBC_URL, HALLMARK_DB_USER, ... */
  EXTERNAL;

  public static final String ENV = "HALLMARK_INFRA";

  /**
   * {@code HALLMARK_INFRA=local|containers|external} if set; otherwise containers when Docker is
   * available, else local.
   */
  public static InfrastructureMode choose(
      Map<String, String> env, BooleanSupplier dockerAvailable) {
    String configured = env.get(ENV);
    if (configured == null || configured.isBlank()) {
      return dockerAvailable.getAsBoolean() ? CONTAINERS : LOCAL;
    }
    try {
      InfrastructureMode mode = valueOf(configured.trim().toUpperCase(Locale.ROOT));
      if (mode == CONTAINERS && !DockerAvailability.testcontainersPresent()) {
        throw new ConfigurationException(
            "infrastructure",
            ENV,
            "containers requested, but Testcontainers is not on the classpath; add"
                + " org.testcontainers:kafka and org.testcontainers:postgresql (test scope)");
      }
      return mode;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "infrastructure", ENV, "'" + configured + "' is not one of local, containers, external");
    }
  }
}
