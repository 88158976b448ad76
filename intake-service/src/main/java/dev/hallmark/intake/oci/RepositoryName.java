package dev.hallmark.intake.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fully qualified image repository, {@code registry/path}, parsed by the distribution reference
 * grammar (distribution/reference {@code reference.go}):
 *
 * <pre>
 * name             := domain '/' path-component ['/' path-component]*
 * domain           := host [':' port-number]
 * path-component   := alpha-numeric [separator alpha-numeric]*
 * alpha-numeric    := /[a-z0-9]+/
 * separator        := /[_.]|__|[-]+/
 * </pre>
 *
 * <p>Hallmark requires the registry part: a signature must be published to a known registry, and
 * Docker Hub's implicit {@code docker.io/library/} normalization would make the signed identity
 * depend on client defaults.
 */
public record RepositoryName(String registry, String path) {
  /** Longest name the reference grammar allows. */
  static final int MAX_LENGTH = 255;

  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
  private static final Pattern HOST =
      Pattern.compile(
          DOMAIN_COMPONENT.pattern()
              + "(?:\\."
              + DOMAIN_COMPONENT.pattern()
              + ")*"
              + "|\\[[a-fA-F0-9:]+\\]");
  private static final Pattern DOMAIN = Pattern.compile("(?:" + HOST.pattern() + ")(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

  /**
   * Parses {@code registry/path}; the first component counts as the registry only if it looks like
   * a host (has a dot or a port, or is {@code localhost}), as the docker CLI decides.
   */
  public static Optional<RepositoryName> parse(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int slash = value.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String domain = value.substring(0, slash);
    String path = value.substring(slash + 1);
    if (!looksLikeRegistry(domain) || !DOMAIN.matcher(domain).matches() || !isValidPath(path)) {
      return Optional.empty();
    }
    return Optional.of(new RepositoryName(domain, path));
  }

  private static boolean looksLikeRegistry(String domain) {
    return domain.contains(".") || domain.contains(":") || domain.equals("localhost");
  }

  private static boolean isValidPath(String path) {
    if (path.isEmpty()) {
      return false;
    }
    for (String component : path.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return registry + "/" + path;
  }
}
