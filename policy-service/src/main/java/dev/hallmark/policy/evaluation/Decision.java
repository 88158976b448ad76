package dev.hallmark.policy.evaluation;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.policy.model.Policy;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * What a signing policy says about one signing request.
 *
 * @param outcome {@code APPROVED}, {@code DENIED}, or {@code PENDING_APPROVAL} when the request
 *     passes every rule and its policy asks people to approve it
 * @param reason why the request was denied, naming the first rule it failed, or what a pending
 *     request waits for; null when approved
 * @param policy the policy applied; null when the request named no configured project or policy
 * @param methods the approved signature formats; for a pending request the formats its approval
 *     will approve; empty when denied
 */
public record Decision(
    DecisionOutcome outcome,
    @Nullable String reason,
    @Nullable Policy policy,
    List<SigningMethod> methods) {

  /** {@link #policyVersion()} of a decision that found no policy to apply. */
  public static final int NO_POLICY_VERSION = 0;

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    methods = List.copyOf(methods);
    if (outcome == DecisionOutcome.APPROVED && (policy == null || methods.isEmpty())) {
      throw new IllegalArgumentException("an approval needs a policy and methods");
    }
    if (outcome == DecisionOutcome.PENDING_APPROVAL
        && (policy == null || !policy.requiresApproval() || methods.isEmpty())) {
      throw new IllegalArgumentException(
          "a pending decision needs a policy with an approval rule, and methods");
    }
    if (outcome != DecisionOutcome.APPROVED && reason == null) {
      throw new IllegalArgumentException("a " + outcome + " decision needs a reason");
    }
  }

  static Decision approved(Policy policy, List<SigningMethod> methods) {
    return new Decision(DecisionOutcome.APPROVED, null, policy, methods);
  }

  static Decision denied(@Nullable Policy policy, String reason) {
    return new Decision(DecisionOutcome.DENIED, reason, policy, List.of());
  }

  /** The request passed every rule; now its policy's approvers decide. */
  static Decision pendingApproval(Policy policy, List<SigningMethod> methods) {
    var rule = policy.approval();
    return new Decision(
        DecisionOutcome.PENDING_APPROVAL,
        "waiting for "
            + rule.required()
            + (rule.required() == 1 ? " approval" : " approvals")
            + " from group "
            + rule.group()
            + " of project "
            + policy.project(),
        policy,
        methods);
  }

  public boolean approved() {
    return outcome == DecisionOutcome.APPROVED;
  }

  public boolean pendingApproval() {
    return outcome == DecisionOutcome.PENDING_APPROVAL;
  }

  /** Version of the policy applied, {@value #NO_POLICY_VERSION} when none was found. */
  public int policyVersion() {
    return policy == null ? NO_POLICY_VERSION : policy.version();
  }

  /**
   * The signing key the policy selects; null unless approved (a pending request's key is kept with
   * it, and announced by the final decision).
   */
  @Nullable
  public String keyId() {
    return approved() ? policy.keyId() : null;
  }
}
