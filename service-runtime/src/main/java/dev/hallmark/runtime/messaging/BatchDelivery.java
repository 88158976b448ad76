package dev.hallmark.runtime.messaging;

import dev.hallmark.runtime.messaging.EventDecoder.Decoded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the usable records of one poll as one batch, then parks the unusable ones (after the
 * batch, so that a batch applied again parks nothing twice). A failing batch is retried whole with
 * the backoff; after its last attempt, its records are applied one at a time and only those that
 * still fail are parked.
 */
final class BatchDelivery implements Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);
  private final BatchListener listener;
  private final EventDecoder decoder;
  private final Parking parking;
  private final RetryBook book;
  private final RetrySettings retry;

  BatchDelivery(
      BatchListener listener,
      EventDecoder decoder,
      Parking parking,
      RetryBook book,
      RetrySettings retry) {
    this.listener = listener;
    this.decoder = decoder;
    this.parking = parking;
    this.book = book;
    this.retry = retry;
  }

  @Override
  public Map<TopicPartition, Progress> deliver(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, List<Decoded>> decoded = new HashMap<>();
    List<ConsumedEvent> usable = new ArrayList<>();
    int failedBefore = 0;
    boolean oneByOne = false;
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> own = records.records(partition);
      long first = own.get(0).offset();
      failedBefore = Math.max(failedBefore, book.failedAttempts(partition, first));
      oneByOne |= book.parkFailing(partition, first);
      List<Decoded> list = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : own) {
        Decoded one = decoder.decode(record);
        list.add(one);
        if (one.usable()) {
          usable.add(new ConsumedEvent(one.event(), one.context()));
        }
      }
      decoded.put(partition, list);
    }
    oneByOne |= failedBefore >= retry.getAttempts();
    if (!oneByOne) {
      try {
        if (!usable.isEmpty()) {
          listener.apply(usable);
        }
        return parkUnusable(records, decoded);
      } catch (RuntimeException e) {
        int attempts = failedBefore + 1;
        if (attempts < retry.getAttempts() && !(e instanceof UnusableEventException)) {
          return retryWhole(records, attempts, e);
        }
        LOG.warn(
            "{}: a batch of {} records failed {} times, applying them one at a time: {}",
            listener.group().id(),
            records.count(),
            attempts,
            Failures.describe(e));
      }
    }
    return oneByOne(records, decoded);
  }

  private Map<TopicPartition, Progress> retryWhole(
      ConsumerRecords<byte[], byte[]> records, int attempts, RuntimeException failure) {
    Duration wait = retry.delayAfter(attempts);
    LOG.warn(
        "{}: a batch of {} records failed (attempt {} of {}), trying again in {}: {}",
        listener.group().id(),
        records.count(),
        attempts,
        retry.getAttempts(),
        wait,
        Failures.describe(failure));
    Map<TopicPartition, Progress> progress = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      long first = records.records(partition).get(0).offset();
      book.failed(partition, first, attempts);
      progress.put(partition, Progress.retry(-1, first, wait));
    }
    return progress;
  }

  /** After the batch was applied: parks what could not be decoded or used. */
  private Map<TopicPartition, Progress> parkUnusable(
      ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, List<Decoded>> decoded) {
    return settleEach(records, decoded, one -> one.usable() ? null : one.unusable());
  }

  /** After the batch's attempts are used up: applies each record alone, parks what still fails. */
  private Map<TopicPartition, Progress> oneByOne(
      ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, List<Decoded>> decoded) {
    return settleEach(records, decoded, this::alone);
  }

  /**
   * Goes through each partition's records in offset order, parking those {@code reasonToPark} gives
   * a reason for (null: nothing to park). A record that cannot be parked stops its partition there:
   * it and what follows are tried again after the max delay.
   */
  private Map<TopicPartition, Progress> settleEach(
      ConsumerRecords<byte[], byte[]> records,
      Map<TopicPartition, List<Decoded>> decoded,
      Function<Decoded, String> reasonToPark) {
    Map<TopicPartition, Progress> progress = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> own = records.records(partition);
      List<Decoded> list = decoded.get(partition);
      Progress outcome = null;
      long next = -1;
      for (int i = 0; i < own.size() && outcome == null; i++) {
        ConsumerRecord<byte[], byte[]> record = own.get(i);
        String reason = reasonToPark.apply(list.get(i));
        if (reason != null && !parking.park(record, reason)) {
          // The records after it were applied and will be again: listeners are idempotent.
          outcome = Progress.retry(next, record.offset(), retry.getMaxDelay());
        } else {
          next = record.offset() + 1;
        }
      }
      if (outcome == null) {
        book.clear(partition);
      }
      progress.put(partition, outcome == null ? Progress.done(next) : outcome);
    }
    return progress;
  }

  /**
   * @return null if applied alone, else why it is to be parked
   */
  private String alone(Decoded decoded) {
    if (!decoded.usable()) {
      return decoded.unusable();
    }
    try {
      listener.apply(List.of(new ConsumedEvent(decoded.event(), decoded.context())));
      return null;
    } catch (UnusableEventException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return "not applied in a batch after "
          + retry.getAttempts()
          + " attempts, nor alone: "
          + Failures.describe(e);
    }
  }
}
