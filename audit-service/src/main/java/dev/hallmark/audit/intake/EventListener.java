package dev.hallmark.audit.intake;

import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Consumes every event topic of the flow, and the project catalogue (each entry is a change of
 * projects or policies to audit; the catalogue is compacted, so an entry replaced before audit read
 * it is not seen), one poll at a time: the whole batch is appended to the ledger in one
 * transaction, then the offsets are committed. A failure (database down) seeks back and the batch
 * is delivered again (a redelivered event is skipped by its event id), so no event is lost.
 */
@KafkaListener(
    value = "audit-service",
    batch = true,
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
    Topics.Names.PUBLICATIONS,
    Topics.Names.PROJECTS
  })
  void receive(ConsumerRecords<byte[], byte[]> records) {
    recorder.record(records);
  }
}
