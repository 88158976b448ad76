package dev.hallmark.runtime.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a consumer loop remembers about the record each partition is stuck at: how often it failed,
 * and whether parking it failed too. Forgotten when the record is applied or parked, or when the
 * partition goes to another consumer.
 */
final class RetryBook {
  private record Entry(long offset, int failedAttempts, boolean parkFailing) {}

  private final Map<TopicPartition, Entry> entries = new HashMap<>();

  /** Attempts of the record at this offset that failed so far; 0 for a record not seen failing. */
  int failedAttempts(TopicPartition partition, long offset) {
    Entry entry = entries.get(partition);
    return entry != null && entry.offset() == offset ? entry.failedAttempts() : 0;
  }

  /** Whether the partition's record at this offset could not be parked last time. */
  boolean parkFailing(TopicPartition partition, long offset) {
    Entry entry = entries.get(partition);
    return entry != null && entry.offset() == offset && entry.parkFailing();
  }

  void failed(TopicPartition partition, long offset, int failedAttempts) {
    entries.put(partition, new Entry(offset, failedAttempts, parkFailing(partition, offset)));
  }

  /**
   * Notes that parking failed.
   *
   * @return true if this starts an episode (parking of this record had not failed before)
   */
  boolean parkFailed(TopicPartition partition, long offset) {
    boolean first = !parkFailing(partition, offset);
    entries.put(partition, new Entry(offset, failedAttempts(partition, offset), true));
    return first;
  }

  void clear(TopicPartition partition) {
    entries.remove(partition);
  }

  void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(entries::remove);
  }
}
