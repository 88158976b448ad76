package dev.hallmark.policy.approval;

import dev.hallmark.policy.approval.ApprovalRefusedException.Refusal;
import dev.hallmark.policy.decision.DecisionRepository;
import dev.hallmark.policy.decision.DecisionRow;
import dev.hallmark.policy.decision.FinalDecisions;
import dev.hallmark.policy.decision.PendingDecisionRepository;
import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.policy.decision.PendingDecisionRow.Settlement;
import dev.hallmark.policy.model.Approver;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records approvers' verdicts on pending requests, and has the final decision announced by the
 * verdict that settles a request: the first rejection, or the approval that reaches the number
 * required.
 *
 * <p>Exactly once, however many verdicts arrive at the same time, on as many instances: each
 * verdict's transaction first locks the pending request's row ({@code SELECT ... FOR UPDATE}), so
 * verdicts on one request are taken one after the other, each seeing the ones before, and the one
 * that settles the request does so with a conditional update ({@link FinalDecisions}). A verdict
 * that is refused throws, which rolls its transaction back: it is not counted.
 */
@Singleton
public class ApprovalService {
  private static final Logger LOG = LoggerFactory.getLogger(ApprovalService.class);
  private final PendingDecisionRepository pendingDecisions;
  private final ApprovalRepository approvals;
  private final DecisionRepository decisions;
  private final FinalDecisions finalDecisions;
  private final Clock clock;

  ApprovalService(
      PendingDecisionRepository pendingDecisions,
      ApprovalRepository approvals,
      DecisionRepository decisions,
      FinalDecisions finalDecisions,
      Clock clock) {
    this.pendingDecisions = pendingDecisions;
    this.approvals = approvals;
    this.decisions = decisions;
    this.finalDecisions = finalDecisions;
    this.clock = clock;
  }

  /**
   * @param comment what the approver says, already checked for length; null when nothing
   * @return the request's approval state after the verdict
   * @throws ApprovalRefusedException if the verdict is not recorded
   */
  @Transactional
  public ApprovalState record(
      UUID requestId, ApproverIdentity caller, Verdict verdict, @Nullable String comment) {
    PendingDecisionRow pending =
        pendingDecisions.lockById(requestId).orElseThrow(() -> unknown(requestId));
    // Requests of projects the approver does not belong to are as invisible as unknown ones.
    Approver approver = caller.in(pending.project()).orElseThrow(() -> unknown(requestId));
    ApprovalRights.refusal(approver, pending)
        .ifPresent(
            why -> {
              throw new ApprovalRefusedException(Refusal.NOT_ALLOWED, why);
            });
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!pending.open()) {
      throw new ApprovalRefusedException(
          Refusal.CONFLICT,
          "request "
              + requestId
              + " is no longer pending: "
              + pending.settlement().toLowerCase(Locale.ROOT));
    }
    if (pending.expiredAt(now)) {
      // The expiry job announces the denial within its interval; the verdict is too late already.
      throw new ApprovalRefusedException(
          Refusal.CONFLICT,
          "request " + requestId + " is no longer pending: expired at " + pending.expiresAt());
    }
    List<ApprovalRow> before = approvals.findByRequest(requestId);
    if (before.stream().anyMatch(row -> row.approver().equals(approver.name()))) {
      throw new ApprovalRefusedException(
          Refusal.CONFLICT, approver.name() + " has already decided on request " + requestId);
    }
    approvals.insert(requestId, approver.name(), verdict.name(), comment, now);
    List<ApprovalRow> verdicts = approvals.findByRequest(requestId);
    LOG.info("request {}: {} by {}", requestId, verdict.apiName(), approver.name());
    settleIfDecided(pending, approver, verdict, comment, verdicts);
    PendingDecisionRow after = pendingDecisions.findById(requestId).orElseThrow();
    String reason = decisions.findById(requestId).map(DecisionRow::reason).orElse(null);
    return ApprovalState.of(after, reason, verdicts);
  }

  private void settleIfDecided(
      PendingDecisionRow pending,
      Approver approver,
      Verdict verdict,
      @Nullable String comment,
      List<ApprovalRow> verdicts) {
    if (verdict == Verdict.REJECT) {
      finalDecisions.deny(
          pending,
          Settlement.REJECTED,
          "rejected by " + approver.name() + (comment == null ? "" : ": " + comment));
      return;
    }
    List<String> approvers =
        verdicts.stream().filter(ApprovalRow::approves).map(ApprovalRow::approver).toList();
    if (approvers.size() >= pending.required()) {
      finalDecisions.approve(pending, approvers);
    }
  }

  private static ApprovalRefusedException unknown(UUID requestId) {
    return new ApprovalRefusedException(
        Refusal.UNKNOWN_REQUEST, "no signing request " + requestId + " waits for your approval");
  }
}
