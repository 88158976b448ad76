package dev.hallmark.deploy.local.infrastructure;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka, PostgreSQL and (optionally) an OCI registry and a Notary v1 server, however they are
 * provided: local processes, containers, or external ones given by environment variables. What a
 * service's integration test needs to connect, and nothing else.
 */
public interface Infrastructure extends AutoCloseable {
  /** Kafka {@code bootstrap.servers}. */
  String kafkaBootstrap();

  /** JDBC URL of database {@code hallmark}. */
  String jdbcUrl();

  String dbUser();

  /** The database password; never log it. */
  String dbPassword();

  /** {@code host:port} of an OCI registry (plain HTTP), when one is available. */
  Optional<String> registry();

  /**
   * Base URL of a Notary v1 server (plain HTTP, e.g. {@code http://127.0.0.1:4443}), when one is
   * available; {@link NotaryCli} sets up repositories on it. Its trust data may be in memory only.
   */
  default Optional<String> notaryUrl() {
    return Optional.empty();
  }

  /**
   * The configuration properties that point a Hallmark service (a Micronaut application) at this
   * infrastructure, with a random HTTP port: what every service's {@code *IT} passes to its
   * application context.
   */
  default Map<String, String> serviceProperties() {
    return Map.of(
        "kafka.bootstrap.servers", kafkaBootstrap(),
        "datasources.default.url", jdbcUrl(),
        "datasources.default.username", dbUser(),
        "datasources.default.password", dbPassword(),
        "micronaut.server.port", "-1");
  }

  /** Stops whatever this instance started; bounded. */
  @Override
  void close();
}
