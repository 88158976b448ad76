package dev.hallmark.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.schemas.topics.ConsumerGroups;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsumerPropertiesTest {
  static final Map<String, Object> KAFKA =
      Map.of(
          "bootstrap.servers",
          "broker:9092",
          "request.timeout.ms",
          10000,
          "consumers.policy-service.max.poll.records",
          100,
          "producers.dead-letter.acks",
          "all",
          "health.enabled",
          true);

  @Test
  void sharedGroup_takesClientSettings_groupFromCatalogue_tenSecondSession_manualCommits() {
    Properties properties =
        ConsumerProperties.of(
            KAFKA,
            Map.of("max.poll.records", 100, "group.id", "something-else"),
            ConsumerGroups.POLICY,
            new ConsumerSettings(Duration.ofSeconds(10), ""));

    assertThat(properties)
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("request.timeout.ms", "10000")
        .containsEntry("max.poll.records", "100")
        .containsEntry("group.id", "policy-service")
        .containsEntry("session.timeout.ms", "10000")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest")
        .doesNotContainKey("group.instance.id");
    assertThat(properties.keySet())
        .noneMatch(
            key ->
                key.toString().startsWith("consumers.")
                    || key.toString().startsWith("producers.")
                    || key.toString().startsWith("health."));
  }

  @Test
  void instanceId_makesAStaticMember_namedAfterGroupAndInstance() {
    Properties properties =
        ConsumerProperties.of(
            KAFKA,
            Map.of(),
            ConsumerGroups.SIGNER,
            new ConsumerSettings(Duration.ofSeconds(10), "local-1"));

    assertThat(properties).containsEntry("group.instance.id", "signer-service-local-1");
  }

  @Test
  void everyInstanceReadsAll_hasNoGroupAndNoInstanceId() {
    Properties properties =
        ConsumerProperties.of(
            KAFKA,
            Map.of("group.id", "x"),
            ConsumerGroups.INTAKE_CATALOGUE,
            new ConsumerSettings(Duration.ofSeconds(10), "local-1"));

    assertThat(properties).doesNotContainKeys("group.id", "group.instance.id");
  }
}
