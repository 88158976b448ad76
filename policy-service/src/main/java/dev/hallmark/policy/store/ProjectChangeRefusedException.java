package dev.hallmark.policy.store;

/** A change the store will not apply as asked; {@link #kind()} says why. */
public final class ProjectChangeRefusedException extends RuntimeException {
  /** Why a change was refused. */
  public enum Kind {
    /** The project is owned by the policy-as-code file; change the file instead. */
    MANAGED_BY_FILE,
    /** The caller's expected revision is not the current one: someone changed it meanwhile. */
    REVISION_MISMATCH,
    /** There is no such project (or policy, submitter, approver). */
    NOT_FOUND
  }

  private final Kind kind;

  ProjectChangeRefusedException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
