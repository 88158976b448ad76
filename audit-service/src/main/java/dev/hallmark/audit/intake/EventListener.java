package dev.hallmark.audit.intake;

import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consumes every event topic of the flow. Offsets are committed once per poll, after every record
 * of it is stored (a commit per record cost a broker round trip each; a redelivered record is
 * skipped by its event id), and a failure (database down) is retried rather than skipped, so no
 * event is lost.
 */
@KafkaListener(
    value = "audit-service",
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR,
            retryCount = 20,
            retryDelay = "200ms"))
final class EventListener {
  private final EventRecorder recorder;

  EventListener(EventRecorder recorder) {
    this.recorder = recorder;
  }

  @Topic({
    Topics.Names.SIGNING_REQUESTS,
    Topics.Names.POLICY_DECISIONS,
    Topics.Names.SIGNATURES,
    Topics.Names.PUBLICATIONS
  })
  void receive(ConsumerRecord<byte[], byte[]> record) {
    recorder.record(record);
  }
}
