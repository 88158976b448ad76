package dev.hallmark.runtime.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks records of one consumer group on the dead-letter topic and logs it: WARN per parked record,
 * one ERROR when parking a record starts failing (not once per try) and INFO when it succeeds
 * again.
 */
final class Parking {
  private static final Logger LOG = LoggerFactory.getLogger(Parking.class);
  private final DeadLetters deadLetters;
  private final String group;
  private final RetryBook book;
  private final RetrySettings retry;

  Parking(DeadLetters deadLetters, String group, RetryBook book, RetrySettings retry) {
    this.deadLetters = deadLetters;
    this.group = group;
    this.book = book;
    this.retry = retry;
  }

  /**
   * @return true if the record is parked (its offset may be committed), false if it must be tried
   *     again later
   */
  boolean park(ConsumerRecord<byte[], byte[]> record, String reason) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    boolean recovering = book.parkFailing(partition, record.offset());
    try {
      deadLetters.park(record, reason, group);
    } catch (RuntimeException e) {
      if (book.parkFailed(partition, record.offset())) {
        LOG.error(
            "{}: could not park {} ({}: {}); its partition waits, and applying and parking it are"
                + " tried again every {} until one succeeds. Reason to park: {}",
            group,
            where(record),
            e.getClass().getSimpleName(),
            e.getMessage(),
            retry.getMaxDelay(),
            reason);
      }
      return false;
    }
    book.clear(partition);
    if (recovering) {
      LOG.info("{}: parked {} now that the dead-letter topic takes it", group, where(record));
    }
    LOG.warn("{}: parked {} on the dead-letter topic: {}", group, where(record), reason);
    return true;
  }

  static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
