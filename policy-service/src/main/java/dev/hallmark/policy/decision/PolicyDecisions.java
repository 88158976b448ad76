package dev.hallmark.policy.decision;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.evaluation.Decision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the {@link PolicyDecision} event that announces a decision. */
final class PolicyDecisions {
  private PolicyDecisions() {}

  /**
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
        .setMethods(decision.methods())
        .setKeyId(decision.keyId())
        // Manual approval comes with the full policy model.
        .setApprovers(List.of())
        // Copied as intake wrote it: verified from a CI identity token, or declared (unverified).
        .setOrigin(request.getOrigin())
        // Set by DecisionSigningKey over everything above, once the event is complete.
        .setAuthenticator(null)
        .build();
  }
}
