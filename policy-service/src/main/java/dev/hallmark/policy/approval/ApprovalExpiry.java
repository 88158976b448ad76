package dev.hallmark.policy.approval;

import dev.hallmark.policy.decision.FinalDecisions;
import dev.hallmark.policy.decision.PendingDecisionRepository;
import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.policy.decision.PendingDecisionRow.Settlement;
import dev.hallmark.policy.model.ApprovalRule;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Denies pending requests that waited longer than their policy's {@code expires-after}, one batch
 * per transaction. Safe with several instances: the batch's rows are locked with {@code SKIP
 * LOCKED}, so instances take different rows, and a row a verdict holds is left to that verdict or
 * to the next run; settling is conditional besides ({@link FinalDecisions}).
 */
@Singleton
public class ApprovalExpiry {
  /** Rows per transaction: bounded, so one run's lock and transaction stay short. */
  public static final int BATCH = 100;

  private final PendingDecisionRepository pendingDecisions;
  private final ApprovalRepository approvals;
  private final FinalDecisions finalDecisions;
  private final Clock clock;

  ApprovalExpiry(
      PendingDecisionRepository pendingDecisions,
      ApprovalRepository approvals,
      FinalDecisions finalDecisions,
      Clock clock) {
    this.pendingDecisions = pendingDecisions;
    this.approvals = approvals;
    this.finalDecisions = finalDecisions;
    this.clock = clock;
  }

  /**
   * @return how many requests were due (at most {@link #BATCH}; as many means: run again)
   */
  @Transactional
  public int expireDue() {
    List<PendingDecisionRow> due = pendingDecisions.lockExpired(clock.instant(), BATCH);
    for (PendingDecisionRow pending : due) {
      long approved =
          approvals.findByRequest(pending.requestId()).stream()
              .filter(ApprovalRow::approves)
              .count();
      finalDecisions.deny(
          pending,
          Settlement.EXPIRED,
          "approval expired after "
              + ApprovalRule.shortForm(pending.waitLimit())
              + " with "
              + approved
              + " of "
              + pending.required()
              + " approvals");
    }
    return due.size();
  }
}
