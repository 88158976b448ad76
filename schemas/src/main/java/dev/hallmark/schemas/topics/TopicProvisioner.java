package dev.hallmark.schemas.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates catalogue topics that do not exist yet, with the catalogue's partition count and the
 * cluster's default replication factor; compacted topics with {@code cleanup.policy=compact}, the
 * others with the cluster's default. Existing topics are left as they are.
 */
public final class TopicProvisioner {
  private TopicProvisioner() {}

  /**
   * @throws TopicProvisioningException if the broker did not confirm every topic within {@code
   *     timeout}
   */
  public static void ensure(Admin admin, Collection<TopicSpec> topics, Duration timeout) {
    List<NewTopic> wanted = topics.stream().map(TopicProvisioner::newTopic).toList();
    Map<String, KafkaFuture<Void>> results =
        admin
            .createTopics(wanted, new CreateTopicsOptions().timeoutMs((int) timeout.toMillis()))
            .values();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        result.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new TopicProvisioningException(result.getKey(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new TopicProvisioningException(result.getKey(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicProvisioningException(result.getKey(), e);
      }
    }
  }

  static NewTopic newTopic(TopicSpec topic) {
    NewTopic created =
        new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty());
    // Delete topics keep the cluster's default, so that an operator's retention settings apply.
    if (topic.cleanupPolicy() == CleanupPolicy.COMPACT) {
      created.configs(
          Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().configValue()));
    }
    return created;
  }
}
