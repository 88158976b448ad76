package dev.hallmark.policy.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code policy.approval}: one approver's verdict on one pending request.
 *
 * @param verdict {@link Verdict} name
 * @param comment what the approver wrote; null when nothing
 */
@MappedEntity("approval")
public record ApprovalRow(
    @Id @GeneratedValue @Nullable Long id,
    UUID requestId,
    String approver,
    String verdict,
    @Nullable String comment,
    Instant decidedAt) {

  public Verdict verdictValue() {
    return Verdict.valueOf(verdict);
  }

  public boolean approves() {
    return verdictValue() == Verdict.APPROVE;
  }
}
