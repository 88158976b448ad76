package dev.hallmark.policy.approval;

import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.decision.PendingDecisionRepository;
import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.policy.model.Approver;
import dev.hallmark.schemas.serde.EventCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The requests waiting for one approver: pending, not expired, of the approver's projects only,
 * under a policy whose group the approver is in, not submitted by them, and not decided on by them
 * yet. What the approver may approve, and nothing of other projects.
 */
@Singleton
public class PendingApprovals {
  private final PendingDecisionRepository pendingDecisions;
  private final ApprovalRepository approvals;
  private final Clock clock;
  private final EventCodec codec = EventCodec.standard();

  PendingApprovals(
      PendingDecisionRepository pendingDecisions, ApprovalRepository approvals, Clock clock) {
    this.pendingDecisions = pendingDecisions;
    this.approvals = approvals;
    this.clock = clock;
  }

  /**
   * A request waiting for approvals, with what approvers need to judge it.
   *
   * @param request the request as intake wrote it: images, origin, submitter
   * @param approvals the verdicts so far
   */
  public record PendingRequest(
      PendingDecisionRow pending, SigningRequested request, List<ApprovalRow> approvals) {}

  /** Oldest first. */
  @Transactional(readOnly = true)
  public List<PendingRequest> awaiting(ApproverIdentity caller) {
    Instant now = clock.instant();
    List<PendingRequest> awaiting = new ArrayList<>();
    for (Map.Entry<String, Approver> membership : caller.byProject().entrySet()) {
      Approver approver = membership.getValue();
      for (PendingDecisionRow pending : pendingDecisions.findOpen(membership.getKey(), now)) {
        if (ApprovalRights.refusal(approver, pending).isPresent()) {
          continue;
        }
        List<ApprovalRow> verdicts = approvals.findByRequest(pending.requestId());
        if (verdicts.stream().noneMatch(row -> row.approver().equals(approver.name()))) {
          awaiting.add(
              new PendingRequest(
                  pending,
                  codec.decode(pending.signingRequest(), SigningRequested.class),
                  verdicts));
        }
      }
    }
    awaiting.sort(Comparator.comparing(request -> request.pending().pendingSince()));
    return awaiting;
  }
}
