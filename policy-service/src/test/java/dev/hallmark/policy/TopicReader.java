package dev.hallmark.policy;

import dev.hallmark.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic from the beginning, every partition, without a consumer group, and keeps what it
 * read. Every wait is bounded.
 */
final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
  private final Duration wait;

  TopicReader(String bootstrap, String topic, Duration wait) throws Exception {
    this.wait = wait;
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
    consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = awaitPartitions(topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Records with this key, waiting until {@code done} holds for them. */
  List<ConsumerRecord<byte[], byte[]>> await(
      String key, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) throws Exception {
    return Await.until(
        "the expected records with key " + key,
        wait,
        () -> {
          poll();
          return withKey(key);
        },
        done);
  }

  /** Reads up to the end offsets as of now, then answers the records with this key. */
  List<ConsumerRecord<byte[], byte[]>> readToEnd(String key) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + wait.toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not read to the end offsets " + end + " within " + wait);
      }
      poll();
    }
    return withKey(key);
  }

  private void poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
  }

  private List<ConsumerRecord<byte[], byte[]>> withKey(String key) {
    return seen.stream()
        .filter(r -> r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8)))
        .toList();
  }

  private List<TopicPartition> awaitPartitions(String topic) throws Exception {
    List<PartitionInfo> infos =
        Await.until(
            "topic " + topic + " to exist",
            wait,
            () -> consumer.partitionsFor(topic),
            found -> found != null && !found.isEmpty());
    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
