package dev.hallmark.intake.progress;

import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows decisions, signing failures and publications to keep each request's status current.
 *
 * <p>A decision changes a request only if a trusted policy-service key authenticated it ({@link
 * TrustedDecisionKeys}, ADR 0006). One that is not (no, malformed or unknown authenticator, a
 * signature that does not verify: written into the topic by anyone else, or altered) leaves the
 * request as it is and is parked on {@code hallmark.dead-letter.intake-service.v1} with the reason,
 * logged once at WARN. signer-service refuses the same record and announces it as {@code
 * DecisionRejected}, which audit-service records; intake only keeps it from lying about status.
 */
@KafkaListener(
    value = "intake-service",
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR,
            retryCount = 20,
            retryDelay = "200ms"))
final class ProgressListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);
  private final TrustedDecisionKeys trusted;
  private final RequestProgress progress;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  ProgressListener(
      TrustedDecisionKeys trusted, RequestProgress progress, DeadLetterPublisher deadLetters) {
    this.trusted = trusted;
    this.progress = progress;
    this.deadLetters = deadLetters;
  }

  @Topic({Topics.Names.POLICY_DECISIONS, Topics.Names.SIGNATURES, Topics.Names.PUBLICATIONS})
  void receive(ConsumerRecord<byte[], byte[]> record) {
    SpecificRecord event;
    try {
      event = codec.decode(record.value());
    } catch (EventDecodingException e) {
      deadLetters.park(record, e.getMessage());
      return;
    }
    if (event instanceof PolicyDecision decision) {
      onDecision(record, decision);
    } else if (event instanceof SignaturePublished published) {
      progress.onPublished(published);
    } else if (event instanceof PublicationFailed failed) {
      progress.onFailed(failed);
    } else if (event instanceof SigningFailed failed) {
      progress.onSigningFailed(failed);
    } else if (event instanceof SignatureCreated) {
      // Progress is counted when the signature is published, not when it is made.
    } else if (event instanceof DecisionRejected) {
      // A decision policy-service did not authenticate: it says nothing true about the request it
      // names, so the request's status stays as it is (audit-service records the rejection).
    } else {
      deadLetters.park(
          record, "unexpected event type " + event.getSchema().getName() + " on this topic");
    }
  }

  private void onDecision(ConsumerRecord<byte[], byte[]> record, PolicyDecision decision) {
    Optional<String> rejection = trusted.rejection(decision);
    if (rejection.isEmpty()) {
      progress.onDecision(decision);
      return;
    }
    // Parked first: if that fails, the record is retried, and the WARN line written once it is set
    // aside. The reason names the event id and at most a key id, never key or signature bytes.
    deadLetters.park(record, rejection.get());
    LOG.warn(
        "not applied, parked {}-{}@{} (request {}): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        decision.getRequestId(),
        rejection.get());
  }
}
