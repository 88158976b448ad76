package dev.hallmark.oci;

/**
 * A registry operation failed. Carries where (registry, repository) and the HTTP status (0 when
 * there was no response). Messages never contain credentials, tokens or upload session URLs.
 */
public class RegistryException extends RuntimeException {
  private final String registry;
  private final String repository;
  private final int status;

  RegistryException(RepositoryRef target, int status, String message, Throwable cause) {
    this(target.registry(), target.repository(), status, message, cause);
  }

  RegistryException(
      String registry, String repository, int status, String message, Throwable cause) {
    super(
        "registry "
            + registry
            + (repository == null ? "" : ", repository " + repository)
            + ": "
            + message
            + (status > 0 ? " (HTTP " + status + ")" : ""),
        cause);
    this.registry = registry;
    this.repository = repository;
    this.status = status;
  }

  public String registry() {
    return registry;
  }

  /** The repository, or null when the failure was not about one (e.g. the token service). */
  public String repository() {
    return repository;
  }

  /** HTTP status of the last response, 0 when there was none (connection failure). */
  public int status() {
    return status;
  }

  /** Whether trying the same operation later may succeed. */
  public boolean retryable() {
    return false;
  }
}
