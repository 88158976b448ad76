package dev.hallmark.oci;

/**
 * Content did not hash to the digest it was requested by or announced with ({@code
 * Docker-Content-Digest}): the registry, a proxy or the transfer corrupted or substituted it.
 */
public final class DigestMismatchException extends RegistryException {
  private final String expected;
  private final String actual;

  DigestMismatchException(RepositoryRef target, String what, String expected, String actual) {
    super(target, 0, what + ": expected " + expected + " but content hashes to " + actual, null);
    this.expected = expected;
    this.actual = actual;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
