package dev.hallmark.deploy.local.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.deploy.local.infrastructure.LocalInfrastructure;
import dev.hallmark.deploy.local.infrastructure.NotaryServer;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every service's integration test relies on (named so that surefire's Test* pattern skips
 * it).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SharedTestInfrastructureIT {
  @Test
  void shared_calledTwice_returnsOneReachableInfrastructure() throws Exception {
    Infrastructure first = TestInfrastructure.shared();
    Infrastructure second = TestInfrastructure.shared();

    assertThat(second).isSameAs(first);
    try (Connection connection =
        DriverManager.getConnection(first.jdbcUrl(), first.dbUser(), first.dbPassword())) {
      assertThat(connection.isValid(5)).isTrue();
    }
    try (Admin admin = KafkaBroker.admin(first.kafkaBootstrap())) {
      assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
    }
    if (RegistryServer.available()) {
      assertThat(first.registry()).hasValueSatisfying(r -> assertThat(r).startsWith("127.0.0.1:"));
    }
    if (first instanceof LocalInfrastructure && NotaryServer.available()) {
      String url = first.notaryUrl().orElseThrow();
      assertThat(
              NotaryServer.healthCheck(Integer.parseInt(url.substring(url.lastIndexOf(':') + 1))))
          .isEqualTo(200);
    }
  }
}
