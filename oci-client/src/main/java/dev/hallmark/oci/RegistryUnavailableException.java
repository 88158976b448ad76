package dev.hallmark.oci;

/**
 * The registry could not be reached or kept answering 5xx/429 until the {@link RetryPolicy} was
 * exhausted. Retryable later.
 */
public final class RegistryUnavailableException extends RegistryException {
  private final int attempts;

  RegistryUnavailableException(
      RepositoryRef target, int status, int attempts, String message, Throwable cause) {
    super(target, status, message + " after " + attempts + " attempt(s)", cause);
    this.attempts = attempts;
  }

  public int attempts() {
    return attempts;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
