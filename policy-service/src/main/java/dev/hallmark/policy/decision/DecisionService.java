package dev.hallmark.policy.decision;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.evaluation.Decision;
import dev.hallmark.policy.evaluation.PolicyEvaluator;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each signing request once: the {@code decision} row and the {@link PolicyDecision} event
 * (through the outbox, key requestId) are written in one transaction, so a request is either
 * decided and announced, or neither, and a redelivered request yields no second decision. Every
 * event is authenticated with the decision key ({@link DecisionSigningKey}) before it is written.
 */
@Singleton
public class DecisionService {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionService.class);
  private final PolicyEvaluator evaluator;
  private final DecisionRepository decisions;
  private final Outbox outbox;
  private final DecisionSigningKey key;
  private final Clock clock;

  DecisionService(
      PolicyEvaluator evaluator,
      DecisionRepository decisions,
      Outbox outbox,
      DecisionSigningKey key,
      Clock clock) {
    this.evaluator = evaluator;
    this.decisions = decisions;
    this.outbox = outbox;
    this.key = key;
    this.clock = clock;
  }

  /**
   * @return true if the request was decided now, false if it had been decided before
   */
  @Transactional
  public boolean decide(SigningRequested request) {
    Decision decision = evaluator.evaluate(request);
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    int inserted =
        decisions.insertOnce(
            request.getRequestId(),
            eventId,
            decision.outcome().name(),
            decision.reason(),
            request.getProject(),
            request.getSigningPolicy(),
            decision.policyVersion(),
            decision.keyId(),
            now);
    if (inserted == 0) {
      LOG.debug("request {} was decided before; redelivery ignored", request.getRequestId());
      return false;
    }
    outbox.append(
        Topics.POLICY_DECISIONS,
        request.getRequestId().toString(),
        key.sign(PolicyDecisions.of(request, decision, eventId, now)));
    LOG.info(
        "request {} {}{}",
        request.getRequestId(),
        decision.outcome(),
        decision.reason() == null ? "" : ": " + decision.reason());
    return true;
  }
}
