package dev.hallmark.policy.kafka;

import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.decision.DecisionService;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes signing requests and has each decided once. Offsets are committed once per poll, after
 * all its records (a redelivered record is recognized and not decided twice); a failure (database
 * down) is retried with exponential back-off ({@value #RETRIES} times, from {@value
 * #FIRST_RETRY_DELAY}, about 8.5 minutes in all), and a record that still fails, or does not
 * decode, is parked on {@code hallmark.dead-letter.policy-service.v1} with the reason: set aside,
 * never silently skipped.
 */
@KafkaListener(
    value = Services.POLICY,
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR,
            retryCount = SigningRequestListener.RETRIES,
            retryDelay = SigningRequestListener.FIRST_RETRY_DELAY))
public final class SigningRequestListener implements KafkaListenerExceptionHandler {
  static final int RETRIES = 10;
  static final String FIRST_RETRY_DELAY = "500ms";
  private static final Logger LOG = LoggerFactory.getLogger(SigningRequestListener.class);

  private final DecisionService decisions;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  SigningRequestListener(DecisionService decisions, DeadLetterPublisher deadLetters) {
    this.decisions = decisions;
    this.deadLetters = deadLetters;
  }

  @Topic(Topics.Names.SIGNING_REQUESTS)
  void receive(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      park(record, "record has no value (tombstone); expected a SigningRequested");
      return;
    }
    SigningRequested request;
    try {
      request = codec.decode(record.value(), SigningRequested.class);
    } catch (EventDecodingException e) {
      park(record, e.getMessage());
      return;
    }
    decisions.decide(request);
  }

  private void park(ConsumerRecord<byte[], byte[]> record, String reason) {
    LOG.warn(
        "parking {}-{}@{} on the dead-letter topic: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    deadLetters.park(record, reason);
  }

  /**
   * Called when a record failed even after the retries: it is parked, so that the partition moves
   * on without losing it. A failed offset commit (partitions were reassigned) parks nothing: the
   * record was decided, and its new consumer sees it as a redelivery.
   */
  @Override
  @SuppressWarnings("unchecked")
  public void handle(KafkaListenerException exception) {
    Throwable cause = exception.getCause() == null ? exception : exception.getCause();
    if (cause instanceof CommitFailedException) {
      LOG.warn("offset commit failed, the record will be redelivered: {}", cause.getMessage());
      return;
    }
    ConsumerRecord<byte[], byte[]> record =
        (ConsumerRecord<byte[], byte[]>) exception.getConsumerRecord().orElse(null);
    if (record == null) {
      LOG.error("Kafka consumer failed outside of a record", exception);
      return;
    }
    LOG.error(
        "{}-{}@{} failed after {} retries",
        record.topic(),
        record.partition(),
        record.offset(),
        RETRIES,
        cause);
    park(
        record,
        "not processed after "
            + RETRIES
            + " retries: "
            + cause.getClass().getName()
            + ": "
            + cause.getMessage());
  }
}
