package dev.hallmark.policy.approval;

import dev.hallmark.events.SubmitterKind;
import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.policy.model.Approver;
import java.util.Optional;

/**
 * Who may decide on a pending request: a member of the group its policy names, who did not submit
 * it. Names are one namespace per project, so an approver named like the CI submitter of a request
 * is that submitter, and approving it would be approving their own request.
 */
final class ApprovalRights {
  private ApprovalRights() {}

  /** Why the approver may not decide on the request; empty when they may. */
  static Optional<String> refusal(Approver approver, PendingDecisionRow pending) {
    if (!approver.inGroup(pending.approvalGroup())) {
      return Optional.of(
          "approver "
              + approver.name()
              + " is not in group "
              + pending.approvalGroup()
              + ", whose approval policy "
              + pending.project()
              + "/"
              + pending.policy()
              + " requires");
    }
    if (SubmitterKind.CI_TOKEN.name().equals(pending.submitterKind())
        && pending.submitter().equals(approver.name())) {
      return Optional.of(
          approver.name() + " submitted request " + pending.requestId() + " and cannot approve it");
    }
    return Optional.empty();
  }
}
