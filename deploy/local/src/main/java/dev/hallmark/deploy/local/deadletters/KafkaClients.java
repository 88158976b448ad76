package dev.hallmark.deploy.local.deadletters;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The byte-for-byte Kafka clients of {@code stack dlt}: records are copied, never decoded. */
final class KafkaClients {
  static final Duration API_TIMEOUT = Duration.ofSeconds(30);

  private KafkaClients() {}

  /**
   * The replay's consumer group is one per service, so each service's progress is its own. The
   * consumer is assigned its partitions (no group membership, no rebalance) and commits by hand.
   */
  static String replayGroup(String service) {
    return "hallmark-dlt-replay-" + service;
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String service) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup(service));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hallmark-dlt-" + service);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    config.put(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(API_TIMEOUT.toMillis()));
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Idempotent and acknowledged by all replicas: a replayed record is confirmed written once. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, String service) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "hallmark-dlt-replay-" + service);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
