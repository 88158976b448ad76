package dev.hallmark.publisher.outage;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends signatures to the publisher and collects what it announces on the publications topic. */
final class PublicationEvents implements AutoCloseable {
  private final EventCodec codec = EventCodec.standard();
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<SpecificRecord> received = new CopyOnWriteArrayList<>();

  PublicationEvents(Infrastructure infra) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.PUBLICATIONS.name()));
  }

  void send(SignatureCreated signature) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.SIGNATURES.name(),
                Topics.imageKey(signature.getImage()),
                codec.encode(signature)))
        .get();
  }

  /** Waits until every signature is published; fails at once on a PublicationFailed of one. */
  void awaitPublished(List<SignatureCreated> signatures, Duration timeout) {
    awaitPublished(signatures, timeout, true);
  }

  /**
   * @param failFast fail at once on a PublicationFailed of one of them; false when one is expected
   *     before the publication (a re-drive)
   */
  void awaitPublished(List<SignatureCreated> signatures, Duration timeout, boolean failFast) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      poll(Duration.ofMillis(200));
      if (failFast && !failed(signatures).isEmpty()) {
        throw new AssertionError("publication failed: " + failed(signatures));
      }
      if (signatures.stream().allMatch(s -> !published(s).isEmpty())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        long missing = signatures.stream().filter(s -> published(s).isEmpty()).count();
        throw new AssertionError(missing + " signature(s) not published within " + timeout);
      }
    }
  }

  /** Reads what arrived in the next {@code timeout}. */
  void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      received.add(codec.decode(record.value()));
    }
  }

  List<SignaturePublished> published(SignatureCreated signature) {
    return received.stream()
        .filter(e -> e instanceof SignaturePublished)
        .map(e -> (SignaturePublished) e)
        .filter(p -> p.getRequestId().equals(signature.getRequestId()))
        .filter(p -> p.getKeyId().equals(signature.getKeyId()))
        .filter(p -> p.getImage().getDigest().equals(signature.getImage().getDigest()))
        .toList();
  }

  List<PublicationFailed> failed(List<SignatureCreated> signatures) {
    List<UUID> requests = signatures.stream().map(SignatureCreated::getRequestId).toList();
    return received.stream()
        .filter(e -> e instanceof PublicationFailed)
        .map(e -> (PublicationFailed) e)
        .filter(f -> requests.contains(f.getRequestId()))
        .toList();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
