package dev.hallmark.policy.decision;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.decision.PendingDecisionRow.Settlement;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the final decision on a request that waited for approvals, at most once: in the
 * caller's transaction, the pending request is settled only if it is still open (a conditional
 * update, so of two transactions that both try, one does and the other gets nothing), its {@code
 * decision} row takes the final outcome and event id, and the authenticated {@link PolicyDecision}
 * goes to the outbox. Callers lock the pending row first, so that they decide on what the others
 * committed.
 */
@Singleton
public class FinalDecisions {
  private static final Logger LOG = LoggerFactory.getLogger(FinalDecisions.class);
  private final DecisionRepository decisions;
  private final PendingDecisionRepository pendingDecisions;
  private final Outbox outbox;
  private final DecisionSigningKey key;
  private final Clock clock;
  private final EventCodec codec = EventCodec.standard();

  FinalDecisions(
      DecisionRepository decisions,
      PendingDecisionRepository pendingDecisions,
      Outbox outbox,
      DecisionSigningKey key,
      Clock clock) {
    this.decisions = decisions;
    this.pendingDecisions = pendingDecisions;
    this.outbox = outbox;
    this.key = key;
    this.clock = clock;
  }

  /**
   * @param approvers who approved, in the order they did
   * @return the announced decision; empty if the request was settled before
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<PolicyDecision> approve(PendingDecisionRow pending, List<String> approvers) {
    return settle(pending, Settlement.APPROVED, DecisionOutcome.APPROVED, null, approvers);
  }

  /**
   * @param settlement {@code REJECTED} or {@code EXPIRED}
   * @return the announced decision; empty if the request was settled before
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<PolicyDecision> deny(
      PendingDecisionRow pending, Settlement settlement, String reason) {
    if (settlement == Settlement.APPROVED) {
      throw new IllegalArgumentException("a denial is settled as REJECTED or EXPIRED");
    }
    return settle(pending, settlement, DecisionOutcome.DENIED, reason, List.of());
  }

  private Optional<PolicyDecision> settle(
      PendingDecisionRow pending,
      Settlement settlement,
      DecisionOutcome outcome,
      @Nullable String reason,
      List<String> approvers) {
    UUID requestId = pending.requestId();
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (pendingDecisions.settle(requestId, settlement.name(), now, eventId) == 0) {
      LOG.debug("request {} was settled before", requestId);
      return Optional.empty();
    }
    boolean approved = outcome == DecisionOutcome.APPROVED;
    if (decisions.settlePending(
            requestId, eventId, outcome.name(), reason, approved ? pending.keyId() : null, now)
        != 1) {
      // Both rows change only here, together: one without the other is a bug, not a race.
      throw new IllegalStateException(
          "request " + requestId + " was open for approvals but its decision is not pending");
    }
    SigningRequested request = codec.decode(pending.signingRequest(), SigningRequested.class);
    PolicyDecision decision =
        key.sign(
            PolicyDecisions.settled(request, pending, outcome, reason, approvers, eventId, now));
    outbox.append(Topics.POLICY_DECISIONS, requestId.toString(), decision);
    LOG.info(
        "request {} {}{}",
        requestId,
        outcome,
        approved ? " by " + String.join(", ", approvers) : ": " + reason);
    return Optional.of(decision);
  }
}
