package dev.hallmark.policy.decision;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.evaluation.Decision;
import dev.hallmark.policy.evaluation.PolicyEvaluator;
import dev.hallmark.policy.model.ApprovalRule;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.serde.EventCodec;
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
 *
 * <p>A request whose policy asks for approvals is decided {@code PENDING_APPROVAL}, and what its
 * final decision will need is kept in {@code pending_decision} in the same transaction; {@link
 * FinalDecisions} announces that one later.
 */
@Singleton
public class DecisionService {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionService.class);
  private final PolicyEvaluator evaluator;
  private final DecisionRepository decisions;
  private final PendingDecisionRepository pendingDecisions;
  private final Outbox outbox;
  private final DecisionSigningKey key;
  private final Clock clock;
  private final EventCodec codec = EventCodec.standard();

  DecisionService(
      PolicyEvaluator evaluator,
      DecisionRepository decisions,
      PendingDecisionRepository pendingDecisions,
      Outbox outbox,
      DecisionSigningKey key,
      Clock clock) {
    this.evaluator = evaluator;
    this.decisions = decisions;
    this.pendingDecisions = pendingDecisions;
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
            new DecisionRow(
                request.getRequestId(),
                eventId,
                decision.outcome().name(),
                decision.reason(),
                request.getProject(),
                request.getSigningPolicy(),
                decision.policyVersion(),
                decision.keyId(),
                now));
    if (inserted == 0) {
      LOG.debug("request {} was decided before; redelivery ignored", request.getRequestId());
      return false;
    }
    if (decision.pendingApproval()) {
      keepPending(request, decision, eventId, now);
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

  /** What the final decision needs, as the policy is now; the wait starts now. */
  private void keepPending(
      SigningRequested request, Decision decision, UUID eventId, Instant pendingSince) {
    Policy policy = decision.policy();
    ApprovalRule rule = policy.approval();
    pendingDecisions.insert(
        PendingDecisionRow.unsettled(
            request.getRequestId(),
            eventId,
            codec.encode(request),
            policy.project(),
            policy.name(),
            policy.version(),
            request.getSubmitter().getKind().name(),
            request.getSubmitter().getName(),
            rule.group(),
            rule.required(),
            PendingDecisionRow.methodsColumn(decision.methods()),
            policy.keyId(),
            pendingSince,
            pendingSince.plus(rule.expiresAfter())));
  }
}
