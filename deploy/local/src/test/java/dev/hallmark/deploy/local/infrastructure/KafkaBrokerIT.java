package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaBrokerIT {
  @TempDir Path dir;
  private KafkaBroker broker;

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  @Test
  void start_freePort_producesAndConsumesRecordOnCreatedTopic() throws Exception {
    broker = KafkaBroker.start(KafkaBroker.Settings.forTests(dir.resolve("kafka"), dir));
    broker.createTopics(List.of(new NewTopic("roundtrip", 3, (short) 1)));
    // Creating an existing topic again is not an error: services create theirs at every start.
    broker.createTopics(List.of(new NewTopic("roundtrip", 3, (short) 1)));

    try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
      producer
          .send(new ProducerRecord<>("roundtrip", "digest-1", "signed"))
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
      consumer.subscribe(List.of("roundtrip"));
      ConsumerRecord<String, String> received = pollOne(consumer, Duration.ofSeconds(30));
      assertThat(received.key()).isEqualTo("digest-1");
      assertThat(received.value()).isEqualTo("signed");
    }
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(broker.isRunning()).isTrue();
  }

  @Test
  void kill_brokerCrashed_producerSendFailsWithinBoundedTime() throws Exception {
    broker = KafkaBroker.start(KafkaBroker.Settings.forTests(dir.resolve("kafka"), dir));
    broker.createTopics(List.of(new NewTopic("crash", 1, (short) 1)));
    try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>("crash", "k", "before")).get(30, TimeUnit.SECONDS);

      broker.kill();
      assertThat(broker.isRunning()).isFalse();

      Instant start = Instant.now();
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("crash", "k", "after"))
                      .get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void start_portTaken_throwsPortInUseException() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      KafkaBroker.Settings settings =
          KafkaBroker.Settings.forTests(dir.resolve("kafka"), dir)
              .withPorts(taken.getLocalPort(), 0);

      assertThatThrownBy(() -> KafkaBroker.start(settings))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            // Bounded: a dead broker must surface as an exception, not a blocked thread.
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static ConsumerRecord<String, String> pollOne(
      KafkaConsumer<String, String> consumer, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        return record;
      }
    }
    throw new AssertionError("no record within " + timeout);
  }
}
