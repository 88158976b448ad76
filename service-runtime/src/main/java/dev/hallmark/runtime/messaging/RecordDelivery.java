package dev.hallmark.runtime.messaging;

import dev.hallmark.runtime.messaging.EventDecoder.Decoded;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies records one at a time, in offset order per partition. A partition whose record fails
 * stops there (the others go on): it is retried after the backoff, parked after the last attempt.
 */
final class RecordDelivery implements Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(RecordDelivery.class);
  private final RecordListener listener;
  private final EventDecoder decoder;
  private final Parking parking;
  private final RetryBook book;
  private final RetrySettings retry;

  RecordDelivery(
      RecordListener listener,
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
    Map<TopicPartition, Progress> progress = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      long next = -1;
      Progress outcome = null;
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        Duration wait = deliver(partition, record);
        if (wait != null) {
          outcome = Progress.retry(next, record.offset(), wait);
          break;
        }
        next = record.offset() + 1;
      }
      progress.put(partition, outcome == null ? Progress.done(next) : outcome);
    }
    return progress;
  }

  /**
   * @return null if the record was applied or parked, else how long to wait before trying again
   */
  private Duration deliver(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    Decoded decoded = decoder.decode(record);
    String reason = decoded.unusable();
    if (decoded.usable()) {
      try {
        if (decoded.event() == null) {
          listener.applyTombstone(decoded.context());
        } else {
          listener.apply(decoded.event(), decoded.context());
        }
        book.clear(partition);
        return null;
      } catch (UnusableEventException e) {
        reason = e.getMessage();
      } catch (RuntimeException e) {
        int attempts = book.failedAttempts(partition, record.offset()) + 1;
        book.failed(partition, record.offset(), attempts);
        if (attempts < retry.getAttempts()) {
          Duration wait = retry.delayAfter(attempts);
          LOG.warn(
              "{}: {} failed (attempt {} of {}), trying again in {}: {}: {}",
              listener.group().id(),
              decoded.context(),
              attempts,
              retry.getAttempts(),
              wait,
              e.getClass().getSimpleName(),
              e.getMessage());
          return wait;
        }
        reason = Failures.gaveUp(attempts, e);
        if (settled(decoded, e)) {
          book.clear(partition);
          return null;
        }
      }
    }
    return parking.park(record, reason) ? null : retry.getMaxDelay();
  }

  private boolean settled(Decoded decoded, RuntimeException failure) {
    if (decoded.event() == null) {
      return false;
    }
    try {
      return listener.settleAfterLastAttempt(decoded.event(), decoded.context(), failure);
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: could not settle {} after its last attempt, parking it: {}",
          listener.group().id(),
          decoded.context(),
          Failures.describe(e));
      return false;
    }
  }
}
