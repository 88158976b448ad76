package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureModeTest {
  @Test
  void choose_unsetWithDocker_isContainers() {
    assertThat(InfrastructureMode.choose(Map.of(), () -> true))
        .isEqualTo(InfrastructureMode.CONTAINERS);
  }

  @Test
  void choose_unsetWithoutDocker_isLocal() {
    assertThat(InfrastructureMode.choose(Map.of(), () -> false))
        .isEqualTo(InfrastructureMode.LOCAL);
  }

  @Test
  void choose_explicitLocal_doesNotAskDocker() {
    assertThat(
            InfrastructureMode.choose(
                Map.of("HALLMARK_INFRA", "local"),
                () -> {
                  throw new AssertionError("Docker must not be probed");
                }))
        .isEqualTo(InfrastructureMode.LOCAL);
  }

  @Test
  void choose_unknownValue_throwsNamingTheVariable() {
    assertThatThrownBy(
            () -> InfrastructureMode.choose(Map.of("HALLMARK_INFRA", "k8s"), () -> false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HALLMARK_INFRA");
  }

  @Test
  void externalFromEnvironment_missingJdbcUrl_throwsNamingTheVariable() {
    assertThatThrownBy(
            () ->
                ExternalInfrastructure.fromEnvironment(
                    Map.of("HALLMARK_KAFKA_BOOTSTRAP", "h:9092", "HALLMARK_DB_USER", "u")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HALLMARK_JDBC_URL");
  }

  @Test
  void dockerAvailability_noEngineConfigured_isFalseWithoutProbing() {
    // Testcontainers is on this module's classpath; with no engine configured it is never asked.
    if (!DockerAvailability.anyEngineConfigured(System.getenv())) {
      assertThat(DockerAvailability.isAvailable(System.getenv(), java.time.Duration.ofSeconds(1)))
          .isFalse();
    }
  }
}
