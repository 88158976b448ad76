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
 * @param outcome {@code APPROVED} or {@code DENIED} (approvals, and with them {@code
 *     PENDING_APPROVAL}, come later)
 * @param reason why the request was denied, naming the first rule it failed; null when approved
 * @param policy the policy applied; null when the request named no configured project or policy
 * @param methods the approved signature formats; empty unless approved
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

  public boolean approved() {
    return outcome == DecisionOutcome.APPROVED;
  }

  /** Version of the policy applied, {@value #NO_POLICY_VERSION} when none was found. */
  public int policyVersion() {
    return policy == null ? NO_POLICY_VERSION : policy.version();
  }

  /** The signing key the policy selects; null unless approved. */
  @Nullable
  public String keyId() {
    return approved() ? policy.keyId() : null;
  }
}
