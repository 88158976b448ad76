package dev.hallmark.runtime.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a consumer loop parks the records it gives up on. */
public interface DeadLetters {

  /**
   * Parks a copy of the record, with everything it had, and returns once the broker has it.
   *
   * @param reason why, without payload or secrets
   * @param group the consumer group that gives up on it
   * @throws RuntimeException if it could not be parked; the caller then keeps the offset
   */
  void park(ConsumerRecord<byte[], byte[]> record, String reason, String group);
}
