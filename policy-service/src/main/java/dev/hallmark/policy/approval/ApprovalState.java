package dev.hallmark.policy.approval;

import dev.hallmark.policy.decision.PendingDecisionRow;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a request that needs approvals stands.
 *
 * @param status {@code PENDING_APPROVAL}, {@code APPROVED} or {@code DENIED}
 * @param reason what it waits for, or why it was denied; null when approved
 * @param approvals the verdicts so far, in the order they were given
 * @param required approvals the policy requires
 * @param group the approver group that may approve
 * @param expiresAt when it is denied unless approved before
 */
public record ApprovalState(
    UUID requestId,
    String project,
    String policy,
    String status,
    @Nullable String reason,
    List<ApprovalRow> approvals,
    int required,
    String group,
    Instant expiresAt) {

  public ApprovalState {
    approvals = List.copyOf(approvals);
  }

  static ApprovalState of(
      PendingDecisionRow pending, @Nullable String reason, List<ApprovalRow> approvals) {
    return new ApprovalState(
        pending.requestId(),
        pending.project(),
        pending.policy(),
        statusOf(pending),
        reason,
        approvals,
        pending.required(),
        pending.approvalGroup(),
        pending.expiresAt());
  }

  private static String statusOf(PendingDecisionRow pending) {
    if (pending.open()) {
      return "PENDING_APPROVAL";
    }
    return PendingDecisionRow.Settlement.APPROVED.name().equals(pending.settlement())
        ? "APPROVED"
        : "DENIED";
  }
}
