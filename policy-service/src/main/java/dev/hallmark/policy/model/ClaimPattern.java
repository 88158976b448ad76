package dev.hallmark.policy.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pattern over the value of an identity-token claim: {@code *} matches any characters, {@code /}
 * included, and nothing; every other character matches itself, case-sensitively. Unlike {@link
 * Glob}, {@code *} crosses {@code /}: claim values are refs and workflow paths, where {@code
 * refs/tags/v*} and {@code acme/app/.github/workflows/release.yml@*} must match whole suffixes.
 */
public final class ClaimPattern {
  private final String source;
  private final Pattern regex;

  private ClaimPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  /**
   * @throws InvalidGlobException if the pattern is blank
   */
  public static ClaimPattern of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw new InvalidGlobException(pattern, "must not be blank");
    }
    return new ClaimPattern(pattern, Wildcards.compile(pattern, stars -> ".*"));
  }

  public boolean matches(String value) {
    return regex.matcher(value).matches();
  }

  /** The pattern as written in the configuration. */
  public String pattern() {
    return source;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClaimPattern pattern && pattern.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
