package dev.hallmark.publisher.intake;

import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Consumes {@code hallmark.signatures.v1} in batches. Offsets are committed after a whole batch is
 * processed; a failure (database down) seeks back and the batch is retried, not skipped.
 */
@KafkaListener(
    value = "registry-publisher",
    batch = true,
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR,
            retryCount = 20,
            retryDelay = "500ms"))
final class SignatureListener {
  private final SignatureIntake intake;

  SignatureListener(SignatureIntake intake) {
    this.intake = intake;
  }

  @Topic(Topics.Names.SIGNATURES)
  void receive(ConsumerRecords<byte[], byte[]> records) {
    intake.process(records);
  }
}
