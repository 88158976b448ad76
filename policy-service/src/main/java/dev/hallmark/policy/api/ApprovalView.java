package dev.hallmark.policy.api;

import dev.hallmark.policy.approval.ApprovalRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One approver's verdict.
 *
 * @param approver the approver's name
 * @param decision {@code approve} or {@code reject}
 * @param comment what they wrote; null when nothing
 * @param at when
 */
@Serdeable
record ApprovalView(String approver, String decision, @Nullable String comment, Instant at) {
  static ApprovalView of(ApprovalRow row) {
    return new ApprovalView(
        row.approver(), row.verdictValue().apiName(), row.comment(), row.decidedAt());
  }
}
