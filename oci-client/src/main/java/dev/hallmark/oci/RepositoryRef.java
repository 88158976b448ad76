package dev.hallmark.oci;

import java.util.regex.Pattern;

/**
 * A repository in a registry: {@code registry} is {@code host[:port]}, {@code repository} the path
 * without the registry (e.g. {@code demo/app}).
 *
 * <p>Names are validated against the grammar of the OCI distribution specification ("Pulling
 * manifests": {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*}), so
 * that a name can never change the shape of a request URL.
 */
public record RepositoryRef(String registry, String repository) {
  private static final Pattern REGISTRY =
      Pattern.compile("(\\[[0-9a-fA-F:]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?");
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public RepositoryRef {
    if (registry == null || !REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("not a registry host[:port]: " + registry);
    }
    if (repository == null
        || repository.length() > 255
        || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("not a repository name: " + repository);
    }
  }

  /** Whether {@code reference} is a valid tag (distribution spec grammar). */
  public static boolean isTag(String reference) {
    return reference != null && TAG.matcher(reference).matches();
  }

  /**
   * @throws IllegalArgumentException unless {@code reference} is a tag or a sha256 digest
   */
  static String checkReference(String reference) {
    if (isTag(reference) || Digests.isSha256(reference)) {
      return reference;
    }
    throw new IllegalArgumentException("not a tag or sha256 digest: " + reference);
  }

  /** {@code <registry>/<repository>}, as image references and cosign's docker-reference use it. */
  @Override
  public String toString() {
    return registry + "/" + repository;
  }
}
