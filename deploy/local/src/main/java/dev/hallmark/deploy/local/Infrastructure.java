package dev.hallmark.deploy.local;

import java.util.Optional;

/**
 * Kafka, PostgreSQL and (optionally) an OCI registry, however they are provided: local processes,
 * containers, or external ones given by environment variables. What a service's integration test
 * needs to connect, and nothing else.
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

  /** Stops whatever this instance started; bounded. */
  @Override
  void close();
}
