package dev.hallmark.deploy.local.infrastructure;

import java.util.Map;
import java.util.Optional;

/** Infrastructure run by someone else, given by environment variables; close() stops nothing. */
public final class ExternalInfrastructure implements Infrastructure {
  public static final String KAFKA_BOOTSTRAP = "HALLMARK_KAFKA_BOOTSTRAP";
  public static final String JDBC_URL = "HALLMARK_JDBC_URL";
  public static final String DB_USER = "HALLMARK_DB_USER";
  public static final String DB_PASSWORD = "HALLMARK_DB_PASSWORD";
  public static final String REGISTRY = "HALLMARK_REGISTRY";
  public static final String NOTARY_URL = "HALLMARK_NOTARY_URL";

  private final String kafkaBootstrap;
  private final String jdbcUrl;
  private final String dbUser;
  private final String dbPassword;
  private final Optional<String> registry;
  private final Optional<String> notaryUrl;

  private ExternalInfrastructure(
      String kafkaBootstrap,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      Optional<String> registry,
      Optional<String> notaryUrl) {
    this.kafkaBootstrap = kafkaBootstrap;
    this.jdbcUrl = jdbcUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.registry = registry;
    this.notaryUrl = notaryUrl;
  }

  /** Requires the Kafka and database variables; the registry and Notary server are optional. */
  public static ExternalInfrastructure fromEnvironment(Map<String, String> env) {
    return new ExternalInfrastructure(
        required(env, KAFKA_BOOTSTRAP),
        required(env, JDBC_URL),
        required(env, DB_USER),
        env.getOrDefault(DB_PASSWORD, ""),
        optional(env, REGISTRY),
        optional(env, NOTARY_URL));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank());
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          "external-infrastructure", name, "must be set when HALLMARK_INFRA=external");
    }
    return value;
  }

  @Override
  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl;
  }

  @Override
  public String dbUser() {
    return dbUser;
  }

  @Override
  public String dbPassword() {
    return dbPassword;
  }

  @Override
  public Optional<String> registry() {
    return registry;
  }

  @Override
  public Optional<String> notaryUrl() {
    return notaryUrl;
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ExternalInfrastructure["
        + kafkaBootstrap
        + ", "
        + jdbcUrl
        + ", "
        + registry
        + ", "
        + notaryUrl
        + "]";
  }
}
