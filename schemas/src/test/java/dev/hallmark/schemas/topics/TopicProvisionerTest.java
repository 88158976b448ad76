package dev.hallmark.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

  @Test
  void newTopic_compactedTopic_setsCleanupPolicyCompact() {
    NewTopic topic = TopicProvisioner.newTopic(Topics.PROJECTS);

    assertThat(topic.name()).isEqualTo("hallmark.projects.v1");
    assertThat(topic.numPartitions()).isEqualTo(1);
    assertThat(topic.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
  }

  @Test
  void newTopic_eventStream_leavesTheClusterDefaults() {
    NewTopic topic = TopicProvisioner.newTopic(Topics.SIGNING_REQUESTS);

    assertThat(topic.numPartitions()).isEqualTo(6);
    assertThat(topic.configs()).isNullOrEmpty();
  }
}
