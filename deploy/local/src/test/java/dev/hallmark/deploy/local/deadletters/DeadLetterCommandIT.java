package dev.hallmark.deploy.local.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stack dlt} against a real broker: dead letters written as the services park them are
 * listed, replayed to their source topic with their original key, value and headers, once.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterCommandIT {
  private static final String SERVICE = Services.SIGNER;
  private static final String DLT = Topics.deadLetterFor(SERVICE).name();
  private static final String SOURCE = Topics.POLICY_DECISIONS.name();
  private static final String PARKED_AT = "2026-01-31T12:00:00.123Z";

  @TempDir static Path dir;
  private KafkaBroker broker;

  @BeforeAll
  void startBrokerAndPark() throws Exception {
    broker = KafkaBroker.start(KafkaBroker.Settings.forTests(dir.resolve("kafka"), dir));
    broker.createTopics(
        List.of(
            new NewTopic(DLT, 1, (short) 1),
            new NewTopic(SOURCE, 6, (short) 1),
            new NewTopic(Topics.AUDIT.name(), 1, (short) 1)));
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      park(producer, SOURCE, "request-a", "first\nline two");
      park(producer, SOURCE, "request-b", "second");
      // Not a topic signer-service consumes: a replay must not write there.
      park(producer, Topics.AUDIT.name(), "request-c", "third");
    }
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  @Test
  @Order(1)
  void list_threeParked_printsOneEscapedLineEachAsPending() {
    Result result = dlt("list", SERVICE);

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("0  " + SOURCE + "-2@40  PolicyDecision  " + PARKED_AT + "  pending  ")
        .endsWith("IllegalStateException: first\\nline two");
    assertThat(result.err()).contains("3 dead letters of signer-service");
  }

  @Test
  @Order(2)
  void listJson_printsOneObjectPerLine() throws Exception {
    Result result = dlt("list", SERVICE, "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.path("offset").asLong()).isEqualTo(1);
    assertThat(second.path("sourceTopic").asText()).isEqualTo(SOURCE);
    assertThat(second.path("sourceOffset").asText()).isEqualTo("41");
    assertThat(second.path("eventType").asText()).isEqualTo("PolicyDecision");
    assertThat(second.path("reason").asText()).isEqualTo("IllegalStateException: second");
    assertThat(second.path("key").asText()).isEqualTo("request-b");
    assertThat(second.path("replayed").asBoolean()).isFalse();
  }

  @Test
  @Order(3)
  void replayOffset_one_writesItBackWithOriginalHeadersAndWhereItCameFrom() {
    Result result = dlt("replay", SERVICE, "--offset", "1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("replayed 1 -> " + SOURCE).contains("replayed 1 dead");
    List<ConsumerRecord<byte[], byte[]>> replayed = readAll(SOURCE);
    assertThat(replayed).hasSize(1);
    ConsumerRecord<byte[], byte[]> record = replayed.get(0);
    assertThat(utf8(record.key())).isEqualTo("request-b");
    assertThat(utf8(record.value())).isEqualTo("value of request-b");
    assertThat(header(record, "hallmark-event-type")).isEqualTo("PolicyDecision");
    assertThat(header(record, "x-trace")).isEqualTo("trace-request-b");
    assertThat(header(record, DeadLetterReplay.REPLAYED_FROM_HEADER)).isEqualTo(DLT + "-0@1");
    for (Header header : record.headers()) {
      assertThat(header.key()).doesNotStartWith("hallmark-dlt-");
    }
  }

  @Test
  @Order(4)
  void replay_all_writesOnlyWhatWasNotReplayedAndSkipsForeignTopics() {
    Result result = dlt("replay", SERVICE);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("replayed 0 -> " + SOURCE)
        .doesNotContain("replayed 1 ->")
        .contains("skipped  2: source topic " + Topics.AUDIT.name())
        .contains("replayed 1 dead letters of signer-service (1 skipped)");
    assertThat(readAll(SOURCE)).extracting(r -> utf8(r.key())).hasSize(2);
    assertThat(readAll(Topics.AUDIT.name())).isEmpty();
  }

  @Test
  @Order(5)
  void replay_again_writesNothing() {
    Result again = dlt("replay", SERVICE);
    Result one = dlt("replay", SERVICE, "--offset", "0");

    assertThat(again.out()).contains("replayed 0 dead letters of signer-service (0 skipped)");
    assertThat(one.out()).contains("was replayed before");
    assertThat(readAll(SOURCE)).hasSize(2);
    assertThat(dlt("list", SERVICE).out().lines())
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).contains("  replayed  "));
  }

  @Test
  @Order(6)
  void replay_unknownServiceOrOffset_isRefused() {
    assertThat(dlt("replay", "nobody").exitCode()).isEqualTo(2);
    Result missing = dlt("replay", SERVICE, "--offset", "99");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no dead letter at offset 99");
  }

  private Result dlt(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-server", broker.bootstrapServers()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        DeadLetterCommand.run(
            all,
            dir.resolve("no-stack.env"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A dead letter as the services write it: original key, value and headers, then the reason. */
  private static void park(
      KafkaProducer<byte[], byte[]> producer, String source, String key, String message)
      throws Exception {
    long sourceOffset = 40 + (key.charAt(key.length() - 1) - 'a');
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(DLT, bytes(key), bytes("value of " + key));
    record.headers().add("hallmark-event-type", bytes("PolicyDecision"));
    record.headers().add("x-trace", bytes("trace-" + key));
    record.headers().add(DeadLetterHeaders.REASON, bytes("IllegalStateException: " + message));
    record.headers().add(DeadLetterHeaders.SOURCE_TOPIC, bytes(source));
    record.headers().add(DeadLetterHeaders.SOURCE_PARTITION, bytes("2"));
    record.headers().add(DeadLetterHeaders.SOURCE_OFFSET, bytes(Long.toString(sourceOffset)));
    record.headers().add(DeadLetterHeaders.PARKED_AT, bytes(PARKED_AT));
    producer.send(record).get(30, TimeUnit.SECONDS);
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : utf8(header.value());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private record Result(int exitCode, String out, String err) {}
}
