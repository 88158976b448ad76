package dev.hallmark.oci;

/**
 * The registry (or its token service) refused the credentials, or demanded credentials that are not
 * configured (HTTP 401), or denied the operation to them (HTTP 403).
 */
public final class RegistryAuthException extends RegistryException {
  RegistryAuthException(RepositoryRef target, int status, String message) {
    super(target, status, message, null);
  }
}
