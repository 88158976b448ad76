package dev.hallmark.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.topics.ConsumerGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop's decisions, against Kafka's MockConsumer and a clock the test moves. */
class ListenerLoopTest {
  static final String TOPIC = "hallmark.test.v1";
  static final ConsumerGroup GROUP = new ConsumerGroup("test-group", "test", List.of(TOPIC), false);
  static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  static final RetrySettings RETRY =
      new RetrySettings(3, Duration.ofMillis(500), 2, Duration.ofSeconds(30));

  final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  final MutableClock clock = new MutableClock();
  final RecordingDeadLetters deadLetters = new RecordingDeadLetters();

  @BeforeEach
  void assignBothPartitions() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
  }

  @Test
  void transientFailure_pausesAndSeeksBack_thenAppliesOnceAndCommits() {
    FlakyListener listener = new FlakyListener(2);
    ListenerLoop loop =
        joined(ListenerLoops.forRecords(listener, consumer, deadLetters, RETRY, clock));
    byte[] value = TestEvents.encoded("a");

    add(P0, 0, value);
    loop.pollOnce();

    assertThat(consumer.paused()).containsExactly(P0);
    assertThat(consumer.position(P0)).isZero();
    assertThat(committed(P0)).isNull();
    assertThat(loop.waiting().get(P0)).isEqualTo(clock.instant().plusMillis(500));

    clock.advance(Duration.ofMillis(499));
    loop.pollOnce();
    assertThat(consumer.paused()).as("still waiting").containsExactly(P0);

    clock.advance(Duration.ofMillis(1));
    add(P0, 0, value);
    loop.pollOnce();
    assertThat(loop.waiting().get(P0))
        .as("second wait doubles")
        .isEqualTo(clock.instant().plusSeconds(1));

    clock.advance(Duration.ofSeconds(1));
    add(P0, 0, value);
    loop.pollOnce();

    assertThat(listener.applied).hasSize(1);
    assertThat(listener.calls.get()).isEqualTo(3);
    assertThat(consumer.paused()).isEmpty();
    assertThat(committed(P0)).isEqualTo(1L);
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void failingOnEveryAttempt_isParkedAfterTheLast_andCommitted() {
    FlakyListener listener = new FlakyListener(Integer.MAX_VALUE);
    ListenerLoop loop =
        joined(ListenerLoops.forRecords(listener, consumer, deadLetters, RETRY, clock));

    for (int attempt = 0; attempt < 3; attempt++) {
      add(P0, 0, TestEvents.encoded("a"));
      loop.pollOnce();
      clock.advance(Duration.ofSeconds(30));
    }

    assertThat(deadLetters.parked).hasSize(1);
    assertThat(deadLetters.reasons.get(0))
        .isEqualTo("not applied after 3 attempts: IllegalStateException: database down");
    assertThat(deadLetters.groups).containsExactly("test-group");
    assertThat(committed(P0)).isEqualTo(1L);
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void parkingFails_offsetStaysUncommitted_andApplyThenParkIsTriedAgainAfterMaxDelay() {
    FlakyListener listener = new FlakyListener(Integer.MAX_VALUE);
    RetrySettings once = new RetrySettings(1, Duration.ofMillis(500), 2, Duration.ofSeconds(30));
    ListenerLoop loop =
        joined(ListenerLoops.forRecords(listener, consumer, deadLetters, once, clock));
    deadLetters.failing = true;

    add(P0, 0, TestEvents.encoded("a"));
    loop.pollOnce();

    assertThat(committed(P0)).isNull();
    assertThat(consumer.paused()).containsExactly(P0);
    assertThat(loop.waiting().get(P0)).isEqualTo(clock.instant().plusSeconds(30));

    clock.advance(Duration.ofSeconds(30));
    add(P0, 0, TestEvents.encoded("a"));
    loop.pollOnce();
    assertThat(committed(P0)).as("parking still fails").isNull();
    assertThat(listener.calls.get()).isEqualTo(2);

    deadLetters.failing = false;
    clock.advance(Duration.ofSeconds(30));
    add(P0, 0, TestEvents.encoded("a"));
    loop.pollOnce();

    assertThat(listener.calls.get()).as("applied again before parking").isEqualTo(3);
    assertThat(deadLetters.parked).hasSize(1);
    assertThat(committed(P0)).isEqualTo(1L);
  }

  @Test
  void undecodableRecord_isParkedAtOnce_withoutCallingTheListener() {
    FlakyListener listener = new FlakyListener(0);
    ListenerLoop loop =
        joined(ListenerLoops.forRecords(listener, consumer, deadLetters, RETRY, clock));

    add(P0, 0, "not an event".getBytes(StandardCharsets.UTF_8));
    add(P0, 1, null);
    loop.pollOnce();

    assertThat(listener.calls.get()).isZero();
    assertThat(deadLetters.parked).hasSize(2);
    assertThat(deadLetters.reasons.get(1)).contains("tombstone");
    assertThat(committed(P0)).isEqualTo(2L);
  }

  @Test
  void unusableEvent_isParkedAtOnce_withTheListenersReason() {
    RecordListener listener =
        new FlakyListener(0) {
          @Override
          public void apply(SpecificRecord event, RecordContext context) {
            throw new UnusableEventException("decision not authenticated");
          }
        };
    ListenerLoop loop =
        joined(ListenerLoops.forRecords(listener, consumer, deadLetters, RETRY, clock));

    add(P0, 0, TestEvents.encoded("a"));
    loop.pollOnce();

    assertThat(deadLetters.reasons).containsExactly("decision not authenticated");
    assertThat(committed(P0)).isEqualTo(1L);
  }

  @Test
  void failingPartition_waits_whileOtherPartitionsFlow() {
    FlakyListener listener = new FlakyListener(Integer.MAX_VALUE, "poison");
    ListenerLoop loop =
        joined(ListenerLoops.forRecords(listener, consumer, deadLetters, RETRY, clock));

    add(P0, 0, TestEvents.encoded("poison"));
    add(P0, 1, TestEvents.encoded("behind-poison"));
    add(P1, 0, TestEvents.encoded("b"));
    add(P1, 1, TestEvents.encoded("c"));
    loop.pollOnce();

    assertThat(committed(P1)).isEqualTo(2L);
    assertThat(committed(P0)).isNull();
    assertThat(consumer.paused()).containsExactly(P0);
    assertThat(listener.applied).extracting(PolicyDecision::getProject).containsExactly("b", "c");
  }

  @Test
  void batchWithOnePoisonRecord_isRetriedWhole_thenAppliedOneByOne_parkingOnlyThePoison() {
    PoisonedBatchListener listener = new PoisonedBatchListener(GROUP);
    ListenerLoop loop =
        joined(ListenerLoops.forBatches(listener, consumer, deadLetters, RETRY, clock));

    for (int attempt = 0; attempt < 3; attempt++) {
      add(P0, 0, TestEvents.encoded("a"));
      add(P0, 1, TestEvents.encoded("poison"));
      add(P0, 2, TestEvents.encoded("c"));
      loop.pollOnce();
      if (attempt < 2) {
        assertThat(committed(P0)).isNull();
        assertThat(consumer.paused()).containsExactly(P0);
      }
      clock.advance(Duration.ofSeconds(30));
    }

    assertThat(listener.applied).containsExactly("a", "c");
    assertThat(deadLetters.parked).hasSize(1);
    assertThat(deadLetters.reasons.get(0))
        .startsWith("not applied in a batch after 3 attempts, nor alone: IllegalStateException");
    assertThat(committed(P0)).isEqualTo(3L);
  }

  @Test
  void retryDelays_doubleFromTheInitialDelay_cappedAtTheMaximum() {
    RetrySettings defaults = new RetrySettings();

    assertThat(List.of(1, 2, 3, 6, 7, 9).stream().map(defaults::delayAfter))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    assertThat(defaults.getAttempts()).isEqualTo(10);
  }

  private ListenerLoop joined(ListenerLoop loop) {
    loop.join();
    consumer.rebalance(List.of(P0, P1));
    return loop;
  }

  private void add(TopicPartition partition, long offset, byte[] value) {
    consumer.addRecord(
        new ConsumerRecord<>(
            partition.topic(),
            partition.partition(),
            offset,
            "key".getBytes(StandardCharsets.UTF_8),
            value));
  }

  private Long committed(TopicPartition partition) {
    OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
    return offset == null ? null : offset.offset();
  }

  /** Fails its first {@code failures} calls (for the given project only, if one is named). */
  static class FlakyListener implements RecordListener {
    final AtomicInteger calls = new AtomicInteger();
    final List<PolicyDecision> applied = new ArrayList<>();
    private final int failures;
    private final String onlyFor;

    FlakyListener(int failures) {
      this(failures, null);
    }

    FlakyListener(int failures, String onlyFor) {
      this.failures = failures;
      this.onlyFor = onlyFor;
    }

    @Override
    public ConsumerGroup group() {
      return GROUP;
    }

    @Override
    public Set<Class<? extends SpecificRecord>> eventTypes() {
      return Set.of(PolicyDecision.class);
    }

    @Override
    public void apply(SpecificRecord event, RecordContext context) {
      PolicyDecision decision = (PolicyDecision) event;
      boolean concerned = onlyFor == null || onlyFor.equals(decision.getProject());
      if (concerned && calls.incrementAndGet() <= failures) {
        throw new IllegalStateException("database down");
      }
      applied.add(decision);
    }
  }

  /** Records what is parked; fails while {@code failing}. */
  static final class RecordingDeadLetters implements DeadLetters {
    final List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    boolean failing;

    @Override
    public void park(ConsumerRecord<byte[], byte[]> record, String reason, String group) {
      if (failing) {
        throw new IllegalStateException("dead-letter topic unreachable");
      }
      parked.add(record);
      reasons.add(reason);
      groups.add(group);
    }
  }
}
