package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.topics.ConsumerGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer and its thread, for one listener: poll, deliver, commit. Our own loop rather than
 * micronaut-kafka's, because only an own loop can keep a record's offset uncommitted while it is
 * neither applied nor parked (ADR 0009): the partition is paused and its position set back to the
 * record, the consumer keeps polling (so the group does not evict it, and other partitions flow),
 * and the partition resumes when its wait is over. Offsets are committed synchronously, only up to
 * records applied or parked. Not thread-safe: everything but {@link #stop()} runs on the loop's
 * thread.
 */
final class ListenerLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerLoop.class);
  static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

  private final ConsumerGroup group;
  private final Consumer<byte[], byte[]> consumer;
  private final Delivery delivery;
  private final RetryBook book;
  private final Clock clock;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private final Map<TopicPartition, Instant> waiting = new HashMap<>();
  private volatile boolean running = true;
  private volatile Throwable died;

  ListenerLoop(
      ConsumerGroup group,
      Consumer<byte[], byte[]> consumer,
      Delivery delivery,
      RetryBook book,
      Clock clock) {
    this.group = group;
    this.consumer = consumer;
    this.delivery = delivery;
    this.book = book;
    this.clock = clock;
  }

  ConsumerGroup group() {
    return group;
  }

  @Override
  public void run() {
    try {
      join();
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        died = e;
      }
    } catch (Throwable e) {
      died = e;
      LOG.error("{}: the consumer thread died; this listener consumes nothing more", group.id(), e);
    } finally {
      try {
        commit();
      } catch (RuntimeException e) {
        LOG.warn(
            "{}: last commit failed, those records will be read again: {}",
            group.id(),
            e.toString());
      }
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /** Asks the loop to finish: it commits what is done and closes its consumer. Any thread. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  /** False once the loop ended by a failure (not by {@link #stop()}). */
  boolean alive() {
    return died == null;
  }

  Throwable failure() {
    return died;
  }

  /** Subscribes the group, or for a group whose every instance reads everything, assigns. */
  void join() {
    if (!group.everyInstanceReadsAll()) {
      consumer.subscribe(group.topics(), new Rebalance());
      return;
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : group.topics()) {
      partitions.addAll(partitionsOf(topic));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** The partitions of a topic, waiting while it does not exist yet (it is being provisioned). */
  private List<TopicPartition> partitionsOf(String topic) {
    while (running) {
      List<PartitionInfo> infos = null;
      try {
        infos = consumer.partitionsFor(topic);
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.info("{}: partitions of {} not known yet: {}", group.id(), topic, e.getMessage());
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new WakeupException();
  }

  /** One turn: resume what waited long enough, poll, deliver, commit. */
  void pollOnce() {
    resumeDue();
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
    if (!records.isEmpty()) {
      delivery.deliver(records).forEach(this::settle);
    }
    commit();
  }

  private void settle(TopicPartition partition, Progress progress) {
    if (progress.nextOffset() >= 0) {
      uncommitted.put(partition, new OffsetAndMetadata(progress.nextOffset()));
    }
    if (progress.stuck()) {
      consumer.pause(Set.of(partition));
      consumer.seek(partition, progress.retryFrom());
      waiting.put(partition, clock.instant().plus(progress.retryAfter()));
    }
  }

  private void resumeDue() {
    Instant now = clock.instant();
    Set<TopicPartition> assigned = consumer.assignment();
    for (Iterator<Map.Entry<TopicPartition, Instant>> it = waiting.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<TopicPartition, Instant> entry = it.next();
      if (!entry.getValue().isAfter(now)) {
        if (assigned.contains(entry.getKey())) {
          consumer.resume(Set.of(entry.getKey()));
        }
        it.remove();
      }
    }
  }

  /** Partitions waiting for a retry, and since when they may go on; for tests and health. */
  Map<TopicPartition, Instant> waiting() {
    return Map.copyOf(waiting);
  }

  private void commit() {
    if (uncommitted.isEmpty() || group.everyInstanceReadsAll()) {
      uncommitted.clear();
      return;
    }
    try {
      consumer.commitSync(Map.copyOf(uncommitted));
      uncommitted.clear();
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions went to another member, which reads these records again: they are applied
      // idempotently, and parked ones are parked again, harmlessly.
      LOG.warn(
          "{}: offsets not committed, the records will be read again: {}",
          group.id(),
          e.getMessage());
      uncommitted.clear();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("{}: offsets not committed yet, trying again: {}", group.id(), e.getMessage());
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Commits what is done before partitions go; forgets their retries either way. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = uncommitted.remove(partition);
        if (offset != null) {
          done.put(partition, offset);
        }
      }
      if (!done.isEmpty()) {
        try {
          consumer.commitSync(done);
        } catch (KafkaException e) {
          LOG.warn(
              "{}: offsets of revoked partitions not committed: {}", group.id(), e.getMessage());
        }
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(uncommitted::remove);
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      book.forget(partitions);
      partitions.forEach(waiting::remove);
    }
  }
}
