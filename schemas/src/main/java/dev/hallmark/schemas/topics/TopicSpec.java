package dev.hallmark.schemas.topics;

import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic.
 *
 * @param name topic name, {@code hallmark.<name>.v<N>}
 * @param key what the record key is, e.g. {@code requestId}
 * @param owner the only service that writes the topic (single writer)
 * @param consumers services (= consumer group ids) or external parties that read it
 * @param partitions partition count; ordering holds per key
 * @param eventTypes event classes written to the topic; empty for dead-letter topics, which carry
 *     the original bytes
 * @param description what the topic is for
 * @param cleanupPolicy what the broker does with old records; {@link CleanupPolicy#COMPACT} for
 *     topics that hold the current value per key
 */
public record TopicSpec(
    String name,
    String key,
    String owner,
    List<String> consumers,
    int partitions,
    List<Class<? extends SpecificRecord>> eventTypes,
    String description,
    CleanupPolicy cleanupPolicy) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(description, "description");
    consumers = List.copyOf(consumers);
    eventTypes = List.copyOf(eventTypes);
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1, was " + partitions);
    }
  }

  /** An event stream: old records are deleted after the retention time. */
  public TopicSpec(
      String name,
      String key,
      String owner,
      List<String> consumers,
      int partitions,
      List<Class<? extends SpecificRecord>> eventTypes,
      String description) {
    this(name, key, owner, consumers, partitions, eventTypes, description, CleanupPolicy.DELETE);
  }
}
