package dev.hallmark.notary;

/**
 * Trust data that must not be used, or a server that would not take it. The message names the GUN,
 * the role and what is wrong; it never holds key material (there is none in trust data besides
 * public keys) and never whole documents.
 */
public class TrustDataException extends RuntimeException {
  private final TrustProblem problem;

  public TrustDataException(TrustProblem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public TrustDataException(TrustProblem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public TrustProblem problem() {
    return problem;
  }

  /** Whether trying again later can succeed without anybody changing anything. */
  public boolean retryable() {
    return problem == TrustProblem.UNREACHABLE || problem == TrustProblem.CONFLICT;
  }
}
