package dev.hallmark.signer.decisions;

import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Announces a decision that was refused as not authenticated ({@link TrustedDecisionKeys}): one
 * {@link DecisionRejected} per decision event id, keyed by the requestId the decision names,
 * written through the outbox with the {@code rejected_decision} row that makes it happen once (a
 * redelivered forged record adds no second audit entry). Not a {@code SigningFailed}: that would
 * end the request the record names, and whoever forged it could end any request.
 */
@Singleton
public class DecisionRejections {
  static final int MAX_REASON = 1000;

  private final RejectedDecisionRepository rejected;
  private final Outbox outbox;
  private final Clock clock;

  DecisionRejections(RejectedDecisionRepository rejected, Outbox outbox, Clock clock) {
    this.rejected = rejected;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * @return true if announced now, false if this decision event was rejected before
   */
  @Transactional
  public boolean record(PolicyDecision decision, String reason) {
    String bounded = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    UUID eventId = UUID.randomUUID();
    if (rejected.insertOnce(decision.getEventId(), eventId, decision.getRequestId(), bounded, now)
        == 0) {
      return false;
    }
    outbox.append(
        Topics.SIGNATURES,
        decision.getRequestId().toString(),
        DecisionRejected.newBuilder()
            .setEventId(eventId)
            .setRequestId(decision.getRequestId())
            .setOccurredAt(now)
            .setDecisionEventId(decision.getEventId())
            .setImages(decision.getImages())
            .setReason(bounded)
            .build());
    return true;
  }
}
