package dev.hallmark.schemas.topics;

import java.util.List;
import java.util.Objects;

/**
 * One subscription of a service: which topics it reads, under which Kafka consumer group id.
 *
 * @param id the Kafka consumer group id; committed offsets are stored under it, so it never changes
 *     once deployed
 * @param service the service that reads (one of {@link Services#ALL})
 * @param topics the topics read, each listing {@code service} among its consumers
 * @param everyInstanceReadsAll true when every instance needs the whole topic (e.g. an in-memory
 *     view of a compacted topic): each instance is assigned every partition, reads from the
 *     beginning at every start and commits nothing, so {@code id} only names it in logs; false for
 *     a shared group whose instances split the partitions
 */
public record ConsumerGroup(
    String id, String service, List<String> topics, boolean everyInstanceReadsAll) {

  public ConsumerGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException(id + ": a consumer group reads at least one topic");
    }
  }
}
