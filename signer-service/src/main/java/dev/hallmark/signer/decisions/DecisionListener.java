package dev.hallmark.signer.decisions;

import dev.hallmark.events.PolicyDecision;
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
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes policy decisions and hands each to {@link DecisionSigning}, if it is authentic.
 *
 * <ul>
 *   <li>Before anything else, every decision must be authenticated by a trusted policy-service key
 *       ({@link TrustedDecisionKeys}); one that is not (no, malformed or unknown authenticator, a
 *       signature that does not verify: a record written into the topic by anyone else, or altered)
 *       is not signed and is announced once as {@code DecisionRejected} ({@link
 *       DecisionRejections}).
 *   <li>A record that does not decode to a {@code PolicyDecision}, or an approved decision that can
 *       never be signed ({@link InvalidDecisionException}), is parked on {@code
 *       hallmark.dead-letter.signer-service.v1} at once.
 *   <li>Any other failure (key not configured, HSM failing, database down) is retried by the
 *       declared error strategy, with exponential backoff ({@code
 *       hallmark.signer.decisions.retry-count} attempts after the first, from {@code
 *       hallmark.signer.decisions.retry-delay}); when they are used up, {@link #handle} parks the
 *       record with the last failure as reason, and consumption moves on.
 * </ul>
 *
 * Offsets are committed once per poll, after all its records were signed or parked, so nothing is
 * skipped unparked; a record redelivered after a crash is recognized by its decision and not signed
 * twice.
 */
@KafkaListener(
    value = Services.SIGNER,
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR,
            retryCountValue = "${hallmark.signer.decisions.retry-count:8}",
            retryDelay = "${hallmark.signer.decisions.retry-delay:1s}"))
final class DecisionListener implements KafkaListenerExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionListener.class);
  private final TrustedDecisionKeys trusted;
  private final DecisionRejections rejections;
  private final DecisionSigning signing;
  private final SigningFailures failures;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  DecisionListener(
      TrustedDecisionKeys trusted,
      DecisionRejections rejections,
      DecisionSigning signing,
      SigningFailures failures,
      DeadLetterPublisher deadLetters) {
    this.trusted = trusted;
    this.rejections = rejections;
    this.signing = signing;
    this.failures = failures;
    this.deadLetters = deadLetters;
  }

  @Topic(Topics.Names.POLICY_DECISIONS)
  void receive(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      deadLetters.park(record, "record has no value");
      return;
    }
    PolicyDecision decision;
    try {
      decision = codec.decode(record.value(), PolicyDecision.class);
    } catch (EventDecodingException e) {
      deadLetters.park(record, e.getMessage());
      return;
    }
    Optional<String> rejection = trusted.rejection(decision);
    if (rejection.isPresent()) {
      // A database failure here is rethrown and retried like any other; handle() parks it.
      if (rejections.record(decision, rejection.get())) {
        LOG.warn("refused {}: {}", where(record), rejection.get());
      }
      return;
    }
    try {
      signing.sign(decision);
    } catch (InvalidDecisionException e) {
      LOG.error("cannot sign {}: {}", where(record), e.getMessage());
      failOrPark(record, decision, e.getMessage());
    } catch (RuntimeException e) {
      // Rethrown: the error strategy retries it, and handle() parks it when retries are used up.
      LOG.warn("decision {} failed, will retry: {}", where(record), e.getMessage());
      throw e;
    }
  }

  /**
   * Called by micronaut-kafka once the retries of a record are used up (and for consumer errors
   * outside any record). The record is parked with the last failure; its offset is committed next.
   */
  @Override
  @SuppressWarnings("unchecked")
  public void handle(KafkaListenerException exception) {
    Throwable cause = exception.getCause() == null ? exception : exception.getCause();
    String reason =
        "not signed after retries: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    var failed = exception.getConsumerRecord();
    if (failed.isEmpty()) {
      LOG.error("decision consumer failed: {}", reason, cause);
      return;
    }
    ConsumerRecord<byte[], byte[]> record = (ConsumerRecord<byte[], byte[]>) failed.get();
    try {
      PolicyDecision decision = codec.decode(record.value(), PolicyDecision.class);
      Optional<String> rejection = trusted.rejection(decision);
      if (rejection.isPresent()) {
        // Its rejection could not be recorded. Never a SigningFailed: that would end the request
        // an unauthenticated record names.
        deadLetters.park(record, rejection.get() + "; the rejection was not recorded: " + reason);
      } else {
        failOrPark(record, decision, reason);
      }
      LOG.error("gave up on {}: {}", where(record), reason);
    } catch (RuntimeException e) {
      // micronaut-kafka commits the offset after this handler whatever it does: say exactly what
      // to replay.
      LOG.error(
          "LOST unless replayed: {} could not be parked ({}); reason was: {}",
          where(record),
          e.getMessage(),
          reason,
          cause);
    }
  }

  /**
   * Ends the request with a {@code SigningFailed} event; if even that cannot be written (database
   * down), the decision is parked on the dead-letter topic for replay.
   */
  private void failOrPark(
      ConsumerRecord<byte[], byte[]> record, PolicyDecision decision, String reason) {
    try {
      failures.record(decision, reason);
    } catch (RuntimeException e) {
      LOG.error(
          "could not record the failure of {}, parking it: {}", where(record), e.getMessage());
      deadLetters.park(record, reason);
    }
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
