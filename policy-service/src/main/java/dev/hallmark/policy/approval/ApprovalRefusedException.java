package dev.hallmark.policy.approval;

/**
 * A verdict that is not recorded, and why. Thrown inside the verdict's transaction, so that nothing
 * of it stays. The message names the request and the rule, never a token.
 */
public final class ApprovalRefusedException extends RuntimeException {
  /** Why, in the terms the API answers with. */
  public enum Refusal {
    /** No such pending request, or one of a project the approver does not belong to. */
    UNKNOWN_REQUEST,
    /** The approver may not decide on it: not in the policy's group, or its submitter. */
    NOT_ALLOWED,
    /** The approver decided on it before, or it is no longer pending. */
    CONFLICT
  }

  private final Refusal refusal;

  ApprovalRefusedException(Refusal refusal, String message) {
    super(message);
    this.refusal = refusal;
  }

  public Refusal refusal() {
    return refusal;
  }
}
