package dev.hallmark.policy.decision;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.evaluation.Decision;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the {@link PolicyDecision} events that announce decisions. */
final class PolicyDecisions {
  private PolicyDecisions() {}

  /**
   * The first decision on a request: approved, denied, or pending approval.
   *
   * @param eventId id of the new event
   * @param decidedAt when the decision was made, millisecond precision (the event's {@code
   *     timestamp-millis})
   */
  static PolicyDecision of(
      SigningRequested request, Decision decision, UUID eventId, Instant decidedAt) {
    return PolicyDecision.newBuilder()
        .setEventId(eventId)
        .setRequestId(request.getRequestId())
        .setOccurredAt(decidedAt)
        .setImages(request.getImages())
        .setOutcome(decision.outcome())
        .setReason(decision.reason())
        .setProject(request.getProject())
        .setSigningPolicy(request.getSigningPolicy())
        .setPolicyVersion(decision.policyVersion())
        // A pending decision approves nothing yet: the methods and key come with the final one.
        .setMethods(decision.approved() ? decision.methods() : List.of())
        .setKeyId(decision.keyId())
        // Approved without people: the policy asks for no approval.
        .setApprovers(List.of())
        // Copied as intake wrote it: verified from a CI identity token, or declared (unverified).
        .setOrigin(request.getOrigin())
        // Set by DecisionSigningKey over everything above, once the event is complete.
        .setAuthenticator(null)
        .build();
  }

  /**
   * The final decision on a request that waited for approvals: what the pending request kept (the
   * policy's version, methods and key as they were then), and the people who approved it.
   *
   * @param outcome APPROVED or DENIED
   * @param reason why it was denied; null when approved
   * @param approvers who approved, in the order they did; empty when denied
   */
  static PolicyDecision settled(
      SigningRequested request,
      PendingDecisionRow pending,
      DecisionOutcome outcome,
      @Nullable String reason,
      List<String> approvers,
      UUID eventId,
      Instant decidedAt) {
    boolean approved = outcome == DecisionOutcome.APPROVED;
    return PolicyDecision.newBuilder()
        .setEventId(eventId)
        .setRequestId(request.getRequestId())
        .setOccurredAt(decidedAt)
        .setImages(request.getImages())
        .setOutcome(outcome)
        .setReason(reason)
        .setProject(pending.project())
        .setSigningPolicy(pending.policy())
        .setPolicyVersion(pending.policyVersion())
        .setMethods(approved ? pending.methodList() : List.of())
        .setKeyId(approved ? pending.keyId() : null)
        .setApprovers(approved ? List.copyOf(approvers) : List.of())
        .setOrigin(request.getOrigin())
        .setAuthenticator(null)
        .build();
  }
}
