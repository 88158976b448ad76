package dev.hallmark.audit;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reading {@code hallmark.audit.v1} in tests. The broker, and so the topic, is shared by the test
 * classes of a JVM, each with a ledger of its own: a class reads from the offset the topic had
 * before its service started (classes run one after another).
 */
public final class AuditTopic {
  public static final TopicPartition PARTITION = new TopicPartition(Topics.AUDIT.name(), 0);

  private AuditTopic() {}

  /** The offset the next record will get; 0 before the topic exists. */
  public static long endOffset(Infrastructure infra) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(infra)) {
      if (consumer.partitionsFor(PARTITION.topic(), Duration.ofSeconds(30)).isEmpty()) {
        return 0;
      }
      return consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(30)).get(PARTITION);
    }
  }

  /**
   * The records from {@code fromOffset} up to and including the first whose event is {@code last}.
   *
   * @throws AssertionError if none is within {@code wait}
   */
  public static List<ConsumerRecord<byte[], byte[]>> readUntil(
      Infrastructure infra, long fromOffset, Predicate<SpecificRecord> last, Duration wait) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(infra)) {
      consumer.assign(List.of(PARTITION));
      consumer.seek(PARTITION, fromOffset);
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records.add(record);
          if (last.test(EventCodec.standard().decode(record.value()))) {
            return records;
          }
        }
      }
    }
    throw new AssertionError(
        "the awaited record is not on "
            + PARTITION
            + " within "
            + wait
            + " ("
            + records.size()
            + " records from offset "
            + fromOffset
            + ")");
  }

  /** A consumer of no group that commits nothing, as {@code audit tail} reads. */
  public static KafkaConsumer<byte[], byte[]> consumer(Infrastructure infra) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
