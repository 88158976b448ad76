package dev.hallmark.deploy.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackPortsTest {
  @Test
  void fromEnvironment_nothingSet_usesDocumentedDefaults() {
    StackPorts ports = StackPorts.fromEnvironment(Map.of());

    assertThat(ports.postgres()).isEqualTo(15432);
    assertThat(ports.kafka()).isEqualTo(19092);
    assertThat(ports.kafkaController()).isEqualTo(19093);
    assertThat(ports.registry()).isEqualTo(15000);
    assertThat(ports.notary()).isEqualTo(4443);
    assertThat(ServiceDefinition.ALL.stream().map(ports::service))
        .containsExactly(8080, 8081, 8082, 8083, 8084);
  }

  @Test
  void fromEnvironment_overrides_areUsed() {
    StackPorts ports =
        StackPorts.fromEnvironment(
            Map.of(
                "HALLMARK_PG_PORT",
                "25432",
                "HALLMARK_AUDIT_PORT",
                " 9094 ",
                "HALLMARK_NOTARY_PORT",
                "14443"));

    assertThat(ports.postgres()).isEqualTo(25432);
    assertThat(ports.notary()).isEqualTo(14443);
    assertThat(ports.service(ServiceDefinition.ALL.get(4))).isEqualTo(9094);
  }

  @Test
  void fromEnvironment_notAPort_throwsNamingTheVariable() {
    assertThatThrownBy(() -> StackPorts.fromEnvironment(Map.of("HALLMARK_KAFKA_PORT", "0")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HALLMARK_KAFKA_PORT");
  }

  @Test
  void fromEnvironment_twoComponentsOnOnePort_throwsNamingBoth() {
    assertThatThrownBy(
            () ->
                StackPorts.fromEnvironment(
                    Map.of("HALLMARK_PG_PORT", "40967", "HALLMARK_SIGNER_PORT", "40967")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HALLMARK_SIGNER_PORT")
        .hasMessageContaining("HALLMARK_PG_PORT")
        .hasMessageContaining("40967");
  }
}
