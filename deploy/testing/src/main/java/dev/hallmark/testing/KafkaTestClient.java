package dev.hallmark.testing;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventSerializer;
import dev.hallmark.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to and reads whole topics of the test broker, as the services' events travel:
 * values in Avro single-object encoding ({@link EventCodec#standard()}), keys as UTF-8 strings.
 * Reads use no consumer group and commit nothing, so they never disturb a service's group. Every
 * wait is bounded.
 */
public final class KafkaTestClient implements AutoCloseable {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private final String bootstrap;
  private KafkaProducer<String, byte[]> producer;

  public KafkaTestClient(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  public static KafkaTestClient of(Infrastructure infra) {
    return new KafkaTestClient(infra.kafkaBootstrap());
  }

  /**
   * Sends the event in single-object encoding with its {@value EventSerializer#EVENT_TYPE_HEADER}
   * header, as a service's outbox relay does, and waits until the broker has it.
   */
  public RecordMetadata send(String topic, String key, SpecificRecord event) throws Exception {
    return send(
        topic,
        key,
        EventCodec.standard().encode(event),
        Map.of(EventSerializer.EVENT_TYPE_HEADER, event.getSchema().getName()));
  }

  /** Sends these bytes as they are (for records a service must reject), without headers. */
  public RecordMetadata send(String topic, String key, byte[] value) throws Exception {
    return send(topic, key, value, Map.of());
  }

  /** Sends these bytes with these headers (UTF-8) and waits until the broker has them. */
  public synchronized RecordMetadata send(
      String topic, String key, byte[] value, Map<String, String> headers) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach((name, text) -> record.headers().add(name, utf8(text)));
    return producer().send(record).get(30, TimeUnit.SECONDS);
  }

  /** Every record of the topic, from the beginning to the end offsets as of now. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError(
              "could not read " + topic + " to its end within " + READ_TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /**
   * Reads the topic until at least {@code count} records match, or fails after {@code timeout}.
   *
   * @return the matching records seen
   */
  public List<ConsumerRecord<byte[], byte[]>> await(
      String topic, Predicate<ConsumerRecord<byte[], byte[]>> match, int count, Duration timeout)
      throws Exception {
    return Await.until(
        count + " matching records on " + topic,
        timeout,
        () -> readAll(topic).stream().filter(match).toList(),
        matching -> matching.size() >= count);
  }

  /** The first record of the topic that matches, waiting up to {@code timeout} for it. */
  public ConsumerRecord<byte[], byte[]> awaitFirst(
      String topic, Predicate<ConsumerRecord<byte[], byte[]>> match, Duration timeout)
      throws Exception {
    return await(topic, match, 1, timeout).get(0);
  }

  /**
   * The first record with this key on the service's dead-letter topic ({@link
   * Topics#deadLetterFor}), waiting up to {@code timeout} for it.
   */
  public ConsumerRecord<byte[], byte[]> awaitDeadLetter(
      String service, String key, Duration timeout) throws Exception {
    return awaitFirst(
        Topics.deadLetterFor(service).name(), record -> key.equals(key(record)), timeout);
  }

  /** Every record on the service's dead-letter topic now. */
  public List<ConsumerRecord<byte[], byte[]>> deadLetters(String service) {
    return readAll(Topics.deadLetterFor(service).name());
  }

  /**
   * Reads the topic until at least {@code count} events of this type match, or fails after {@code
   * timeout}; records of other types, or that do not decode, are passed over.
   */
  public <T extends SpecificRecord> List<T> awaitEvents(
      String topic, Class<T> type, Predicate<? super T> match, int count, Duration timeout)
      throws Exception {
    return Await.until(
        count + " matching " + type.getSimpleName() + " events on " + topic,
        timeout,
        () -> events(topic, type).stream().filter(match).map(type::cast).toList(),
        matching -> matching.size() >= count);
  }

  /** The events of this type on the topic now, in partition order. */
  public <T extends SpecificRecord> List<T> events(String topic, Class<T> type) {
    List<T> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : readAll(topic)) {
      SpecificRecord event = decode(record);
      if (type.isInstance(event)) {
        events.add(type.cast(event));
      }
    }
    return events;
  }

  /** The record's event, or null when its value is not a Hallmark event (a dead letter's junk). */
  public static SpecificRecord decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return EventCodec.standard().decode(record.value());
    } catch (RuntimeException notAnEvent) {
      return null;
    }
  }

  public static String key(ConsumerRecord<byte[], ?> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  /** The last value of the header, as UTF-8, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A consumer of no group that commits nothing; the caller assigns and closes it. */
  public KafkaConsumer<byte[], byte[]> consumer() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties config = new Properties();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000);
      producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
