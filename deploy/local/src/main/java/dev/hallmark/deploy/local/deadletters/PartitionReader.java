package dev.hallmark.deploy.local.deadletters;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads the records of one partition between two offsets with a consumer that is assigned it: the
 * end is taken when the command starts, so records parked meanwhile (a replayed record that fails
 * again) wait for the next run instead of being replayed in a loop.
 */
final class PartitionReader {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STALL = Duration.ofSeconds(30);

  /** What to do with one record; it may stop the reading. */
  interface RecordHandler {
    /** Returns false to stop reading. */
    boolean handle(ConsumerRecord<byte[], byte[]> record) throws Exception;
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;

  PartitionReader(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition) {
    this.consumer = consumer;
    this.partition = partition;
    consumer.assign(List.of(partition));
  }

  long beginning() {
    return consumer.beginningOffsets(Set.of(partition), KafkaClients.API_TIMEOUT).get(partition);
  }

  long end() {
    return consumer.endOffsets(Set.of(partition), KafkaClients.API_TIMEOUT).get(partition);
  }

  /** The replay group's commit for this partition, or null when it never replayed anything. */
  OffsetAndMetadata committed() {
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(Set.of(partition), KafkaClients.API_TIMEOUT);
    return committed.get(partition);
  }

  void commit(OffsetAndMetadata offset) {
    consumer.commitSync(Map.of(partition, offset), KafkaClients.API_TIMEOUT);
  }

  /** Hands every record from {@code from} (inclusive) to {@code to} (exclusive) to the handler. */
  void read(long from, long to, RecordHandler handler) throws Exception {
    if (from >= to) {
      return;
    }
    consumer.seek(partition, from);
    long stalledSince = System.nanoTime();
    while (consumer.position(partition) < to) {
      List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
      if (records.isEmpty()) {
        if (System.nanoTime() - stalledSince > STALL.toNanos()) {
          throw new TimeoutException(
              "no record of " + partition + " arrived for " + STALL.toSeconds() + " s");
        }
        continue;
      }
      stalledSince = System.nanoTime();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (record.offset() >= to || !handler.handle(record)) {
          return;
        }
      }
    }
  }
}
