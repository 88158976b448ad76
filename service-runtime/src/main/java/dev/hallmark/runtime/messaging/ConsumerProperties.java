package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.topics.ConsumerGroup;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The Kafka client properties of one listener's consumer: the service's {@code kafka.*} client
 * settings (bootstrap servers, security, timeouts: what its producers use too), then its {@code
 * kafka.consumers.<group id>} settings (e.g. {@code max.poll.records}), then what the listener
 * pattern needs and nothing may override: manual commits, the group from the catalogue, the session
 * timeout and static membership ({@link ConsumerSettings}).
 */
final class ConsumerProperties {
  /** Sections of Micronaut's {@code kafka.*} that are not client properties. */
  private static final String[] NOT_CLIENT_PROPERTIES = {
    "consumers.", "producers.", "streams.", "health.", "embedded.", "enabled"
  };

  private ConsumerProperties() {}

  static Properties of(
      Map<?, ?> clientProperties,
      Map<?, ?> groupProperties,
      ConsumerGroup group,
      ConsumerSettings settings) {
    Properties properties = new Properties();
    copyClientProperties(clientProperties, properties);
    copyClientProperties(groupProperties, properties);
    properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics are created by TopicInitializer with the catalogue's partitions and cleanup policy; a
    // consumer must never create one with the broker's defaults (a non-compacted catalogue).
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    properties.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        group.id() + settings.instanceId().map(id -> "-" + id).orElse(""));
    if (group.everyInstanceReadsAll()) {
      // Assigned, not subscribed: no group, nothing committed, read from the beginning.
      properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
      properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
      return properties;
    }
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group.id());
    properties.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
        Long.toString(settings.sessionTimeout().toMillis()));
    // The heartbeat must come several times per session, or a slow beat evicts a live member.
    properties.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        Long.toString(Math.max(500, settings.sessionTimeout().toMillis() / 4)));
    settings
        .instanceId()
        .ifPresent(
            id -> properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group.id() + "-" + id));
    return properties;
  }

  private static void copyClientProperties(Map<?, ?> from, Properties to) {
    from.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          if (value == null || value instanceof Map<?, ?> || notClientProperty(name)) {
            return;
          }
          to.put(name, String.valueOf(value));
        });
  }

  private static boolean notClientProperty(String name) {
    for (String prefix : NOT_CLIENT_PROPERTIES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
