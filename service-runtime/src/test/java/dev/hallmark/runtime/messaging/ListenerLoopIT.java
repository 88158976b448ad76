package dev.hallmark.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer loop against a real broker: parking, retries, offsets, batches. */
class ListenerLoopIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final RetrySettings RETRY =
      new RetrySettings(3, Duration.ofMillis(100), 2, Duration.ofSeconds(1));
  static Infrastructure infrastructure;
  static AdminClient admin;
  static Producer<byte[], byte[]> producer;

  final List<ListenerLoop> loops = new ArrayList<>();
  String topic;
  String deadLetterTopic;
  ConsumerGroup group;

  @BeforeAll
  static void connect() {
    infrastructure = TestInfrastructure.shared();
    admin =
        AdminClient.create(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrap()));
    producer = producer(infrastructure.kafkaBootstrap(), 15_000);
  }

  @BeforeEach
  void topics() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    topic = "hallmark.loop-test-" + run + ".v1";
    deadLetterTopic = "hallmark.dead-letter.loop-test-" + run + ".v1";
    admin
        .createTopics(
            List.of(new NewTopic(topic, 2, (short) 1), new NewTopic(deadLetterTopic, 1, (short) 1)))
        .all()
        .get();
    group = new ConsumerGroup("loop-test-" + run, "loop-test", List.of(topic), false);
  }

  @AfterEach
  void stopLoops() {
    loops.forEach(ListenerLoop::stop);
  }

  @Test
  void undecodableRecord_isParked_withItsOriginalKeyValueAndHeaders() throws Exception {
    Listener listener = new Listener(group, 0);
    start(ListenerLoops.forRecords(listener, consumer(), deadLetters(), RETRY, Clock.systemUTC()));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, 0, utf8("the-key"), utf8("not an event"));
    record.headers().add("hallmark-event-type", utf8("PolicyDecision"));
    record.headers().add("traceparent", utf8("00-abc-def-01"));

    producer.send(record).get();
    ConsumerRecord<byte[], byte[]> parked = readDeadLetters(1).get(0);

    assertThat(text(parked.key())).isEqualTo("the-key");
    assertThat(text(parked.value())).isEqualTo("not an event");
    assertThat(header(parked, "hallmark-event-type")).isEqualTo("PolicyDecision");
    assertThat(header(parked, "traceparent")).isEqualTo("00-abc-def-01");
    assertThat(header(parked, DeadLetterHeaders.REASON)).contains("single-object");
    assertThat(header(parked, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
    assertThat(header(parked, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(parked, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(parked, DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo(group.id());
    assertThat(header(parked, DeadLetterHeaders.PARKED_AT)).isNotBlank();
    await(() -> Long.valueOf(1).equals(committed(0)), "offset committed after parking");
    assertThat(listener.calls.get()).isZero();
  }

  @Test
  void listenerFailingTwiceThenSucceeding_appliesTheRecordOnce() throws Exception {
    Listener listener = new Listener(group, 2);
    start(ListenerLoops.forRecords(listener, consumer(), deadLetters(), RETRY, Clock.systemUTC()));

    producer.send(new ProducerRecord<>(topic, 1, utf8("k"), TestEvents.encoded("once"))).get();

    await(() -> listener.applied.size() == 1, "applied");
    await(() -> Long.valueOf(1).equals(committed(1)), "committed");
    assertThat(listener.calls.get()).isEqualTo(3);
    assertThat(listener.applied).containsExactly("once");
    assertThat(readDeadLetters(0)).isEmpty();
  }

  @Test
  void listenerFailingAlways_isParkedAfterTheLastAttempt() throws Exception {
    Listener listener = new Listener(group, Integer.MAX_VALUE);
    start(ListenerLoops.forRecords(listener, consumer(), deadLetters(), RETRY, Clock.systemUTC()));

    producer.send(new ProducerRecord<>(topic, 0, utf8("k"), TestEvents.encoded("never"))).get();
    ConsumerRecord<byte[], byte[]> parked = readDeadLetters(1).get(0);

    assertThat(header(parked, DeadLetterHeaders.REASON))
        .isEqualTo("not applied after 3 attempts: IllegalStateException: database down");
    await(() -> Long.valueOf(1).equals(committed(0)), "committed after parking");
    assertThat(listener.calls.get()).isEqualTo(3);
  }

  @Test
  void deadLetterTopicUnwritable_offsetStaysUncommitted_recordAppliedOnceTheFaultClears()
      throws Exception {
    Listener listener = new Listener(group, Integer.MAX_VALUE);
    AtomicBoolean brokenDeadLetters = new AtomicBoolean(true);
    // Parks through a producer pointed at a port where no broker listens, until the fault clears.
    DeadLetters unreachable =
        DeadLetterPublisher.toTopic(
            deadLetterTopic, producer("127.0.0.1:" + freePort(), 1_000), Clock.systemUTC());
    DeadLetters working = deadLetters();
    DeadLetters switching =
        (record, reason, id) ->
            (brokenDeadLetters.get() ? unreachable : working).park(record, reason, id);
    start(ListenerLoops.forRecords(listener, consumer(), switching, RETRY, Clock.systemUTC()));

    producer.send(new ProducerRecord<>(topic, 0, utf8("k"), TestEvents.encoded("late"))).get();
    await(() -> listener.calls.get() >= 4, "attempts used up and tried again after parking failed");

    assertThat(committed(0)).isNull();
    assertThat(listener.applied).isEmpty();

    listener.failures.set(0);
    brokenDeadLetters.set(false);
    await(() -> listener.applied.size() == 1, "applied once the database is back");
    await(() -> Long.valueOf(1).equals(committed(0)), "committed");
    assertThat(listener.applied).containsExactly("late");
    assertThat(readDeadLetters(0)).isEmpty();
  }

  @Test
  void batchWithOnePoisonRecord_parksOnlyIt() throws Exception {
    PoisonedBatchListener listener = new PoisonedBatchListener(group);
    for (String project : List.of("a", "poison", "c")) {
      producer.send(new ProducerRecord<>(topic, 0, utf8(project), TestEvents.encoded(project)));
    }
    producer.flush();

    start(ListenerLoops.forBatches(listener, consumer(), deadLetters(), RETRY, Clock.systemUTC()));
    ConsumerRecord<byte[], byte[]> parked = readDeadLetters(1).get(0);

    assertThat(text(parked.key())).isEqualTo("poison");
    assertThat(header(parked, DeadLetterHeaders.REASON)).contains("constraint violated by poison");
    await(() -> Long.valueOf(3).equals(committed(0)), "all three committed");
    assertThat(listener.applied).containsExactly("a", "c");
  }

  /**
   * A static member that is gone without leaving (as after kill -9: a static member's close does
   * not leave the group either) and comes back with the same instance id gets its partitions at
   * once, not after the session timeout.
   */
  @Test
  void staticMember_restartedWithItsInstanceId_consumesAgainWithinTenSeconds() throws Exception {
    ConsumerSettings staticMember = new ConsumerSettings(Duration.ofSeconds(10), "it-1");
    Listener first = new Listener(group, 0);
    ListenerLoop before =
        start(
            ListenerLoops.forRecords(
                first, consumer(staticMember), deadLetters(), RETRY, Clock.systemUTC()));
    producer.send(new ProducerRecord<>(topic, 0, utf8("k"), TestEvents.encoded("before"))).get();
    producer.send(new ProducerRecord<>(topic, 1, utf8("k"), TestEvents.encoded("before"))).get();
    await(() -> first.applied.size() == 2, "applied before the restart");
    before.stop();
    Thread.sleep(1_000);

    Listener second = new Listener(group, 0);
    long restarted = System.nanoTime();
    start(
        ListenerLoops.forRecords(
            second, consumer(staticMember), deadLetters(), RETRY, Clock.systemUTC()));
    producer.send(new ProducerRecord<>(topic, 0, utf8("k"), TestEvents.encoded("after"))).get();
    producer.send(new ProducerRecord<>(topic, 1, utf8("k"), TestEvents.encoded("after"))).get();
    await(() -> second.applied.size() == 2, "applied after the restart");
    Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);

    System.out.println(
        "static member consuming again " + recovery.toMillis() + " ms after restart");
    assertThat(recovery).isLessThan(Duration.ofSeconds(10));
    assertThat(second.applied).containsExactly("after", "after");
  }

  /** Fails its first {@code failures} calls with a transient error. */
  static final class Listener implements RecordListener {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger failures;
    final List<String> applied = new CopyOnWriteArrayList<>();
    private final ConsumerGroup group;

    Listener(ConsumerGroup group, int failures) {
      this.group = group;
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public ConsumerGroup group() {
      return group;
    }

    @Override
    public Set<Class<? extends SpecificRecord>> eventTypes() {
      return Set.of(PolicyDecision.class);
    }

    @Override
    public void apply(SpecificRecord event, RecordContext context) {
      if (calls.incrementAndGet() <= failures.get()) {
        throw new IllegalStateException("database down");
      }
      applied.add(((PolicyDecision) event).getProject());
    }
  }

  private ListenerLoop start(ListenerLoop loop) {
    loops.add(loop);
    Thread thread = new Thread(loop, "test-" + group.id());
    thread.setDaemon(true);
    thread.start();
    return loop;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return consumer(new ConsumerSettings(Duration.ofSeconds(10), ""));
  }

  private KafkaConsumer<byte[], byte[]> consumer(ConsumerSettings settings) {
    Properties properties =
        ConsumerProperties.of(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrap()),
            Map.of(),
            group,
            settings);
    return (KafkaConsumer<byte[], byte[]>) ListenerLoops.consumer(properties);
  }

  private DeadLetters deadLetters() {
    return DeadLetterPublisher.toTopic(deadLetterTopic, producer, Clock.systemUTC());
  }

  private static Producer<byte[], byte[]> producer(String bootstrap, int maxBlockMillis) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            maxBlockMillis,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            15_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Waits until the dead-letter topic holds {@code count} records, then returns them all. */
  private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int count) throws Exception {
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrap()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(deadLetterTopic, 0);
      reader.assign(List.of(partition));
      reader.seekToBeginning(List.of(partition));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      long deadline = System.nanoTime() + (count == 0 ? Duration.ofSeconds(2) : WAIT).toNanos();
      while (System.nanoTime() < deadline && (count == 0 || found.size() < count)) {
        reader.poll(Duration.ofMillis(200)).forEach(found::add);
      }
      assertThat(found).as("dead letters").hasSize(count);
      return found;
    }
  }

  private Long committed(int partition) {
    try {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets(group.id())
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(topic, partition));
      return offset == null ? null : offset.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within %s", what, WAIT).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
