package dev.hallmark.signer.notary;

import java.util.List;

/**
 * signer-service did not sign a {@code targets/releases} proposal. Answered as problem details with
 * the HTTP {@code status}, {@code problem} (a stable code registry-publisher acts on) and the
 * message as {@code detail}; {@code changes} lists what a refused proposal changed beyond the
 * grants. The message names the GUN, the request and what is wrong, never the document.
 */
public final class NotaryRefusedException extends RuntimeException {
  /** Answered 503: {@code hallmark.notary.url} or {@code trust-pinning} is not set. */
  public static final String NOT_CONFIGURED = "NOT_CONFIGURED";

  /** Answered 404: no grant of this request covers the GUN. */
  public static final String NOT_APPROVED = "NOT_APPROVED";

  /** Answered 422: two grants of the request set one tag to different digests. */
  public static final String CONFLICTING_GRANTS = "CONFLICTING_GRANTS";

  /** Answered 422: the grant's key is no longer configured here. */
  public static final String UNKNOWN_KEY = "UNKNOWN_KEY";

  /** Answered 422: the grant's key is not ECDSA P-256, the only kind Notary signatures use here. */
  public static final String UNSUPPORTED_KEY = "UNSUPPORTED_KEY";

  /** Answered 422: the grant's key has no certificate, so no delegation can list it. */
  public static final String NO_CERTIFICATE = "NO_CERTIFICATE";

  /** Answered 409: the proposal is not the next version of the published document. */
  public static final String STALE = "STALE";

  /**
   * Answered 422, and audited as {@code SigningFailed}: the proposal changes what was not granted.
   */
  public static final String UNAPPROVED_CHANGE = "UNAPPROVED_CHANGE";

  private final int status;
  private final String problem;
  private final List<String> changes;

  public NotaryRefusedException(int status, String problem, String message) {
    this(status, problem, message, List.of());
  }

  public NotaryRefusedException(int status, String problem, String message, List<String> changes) {
    super(message);
    this.status = status;
    this.problem = problem;
    this.changes = List.copyOf(changes);
  }

  public int status() {
    return status;
  }

  /** A {@link dev.hallmark.notary.TrustProblem} name or one of the constants here. */
  public String problem() {
    return problem;
  }

  public List<String> changes() {
    return changes;
  }
}
