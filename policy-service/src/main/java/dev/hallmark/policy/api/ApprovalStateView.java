package dev.hallmark.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hallmark.policy.approval.ApprovalRow;
import dev.hallmark.policy.approval.ApprovalState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A request's approval state, as the answer to a verdict.
 *
 * @param status {@code PENDING_APPROVAL}, {@code APPROVED} or {@code DENIED}
 * @param reason what it waits for, or why it was denied; null when approved
 * @param approvals the verdicts so far, oldest first
 * @param approved how many of them approve
 * @param required approvals the policy requires
 * @param group the approver group that may approve
 * @param expiresAt when it is denied unless approved before
 */
@Serdeable
record ApprovalStateView(
    String requestId,
    String project,
    String policy,
    String status,
    @Nullable String reason,
    // Empty lists are shown too (the serializer leaves them out by default).
    @JsonInclude(JsonInclude.Include.ALWAYS) List<ApprovalView> approvals,
    long approved,
    int required,
    String group,
    Instant expiresAt) {

  static ApprovalStateView of(ApprovalState state) {
    return new ApprovalStateView(
        state.requestId().toString(),
        state.project(),
        state.policy(),
        state.status(),
        state.reason(),
        state.approvals().stream().map(ApprovalView::of).toList(),
        state.approvals().stream().filter(ApprovalRow::approves).count(),
        state.required(),
        state.group(),
        state.expiresAt());
  }
}
