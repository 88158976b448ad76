package dev.hallmark.intake;

import dev.hallmark.deploy.local.Infrastructure;
import java.util.Map;

/** Points the service at the test infrastructure, on a random HTTP port. */
final class IntakeTestProperties {
  private IntakeTestProperties() {}

  static Map<String, String> of(Infrastructure infra) {
    return Map.of(
        "kafka.bootstrap.servers", infra.kafkaBootstrap(),
        "datasources.default.url", infra.jdbcUrl(),
        "datasources.default.username", infra.dbUser(),
        "datasources.default.password", infra.dbPassword(),
        "micronaut.server.port", "-1");
  }
}
