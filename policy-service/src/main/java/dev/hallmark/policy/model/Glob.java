package dev.hallmark.policy.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A name pattern of a signing policy, over {@code <registry>/<repository>} or over a tag.
 *
 * <ul>
 *   <li>{@code **} matches any characters, including {@code /}, and nothing: {@code
 *       registry.example/team/**} covers every repository below {@code team/}, at any depth.
 *   <li>{@code *} matches any characters within one path segment (no {@code /}), and nothing:
 *       {@code registry.example/team/*} covers {@code team/app} but not {@code team/a/b}.
 *   <li>Every other character matches itself, case-sensitively ({@code .}, {@code :} and {@code ?}
 *       are literal).
 * </ul>
 *
 * <p>Tags cannot contain {@code /}, so for tags {@code *} and {@code **} both mean "any".
 */
public final class Glob {
  private final String source;
  private final Pattern regex;

  private Glob(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  /**
   * @throws InvalidGlobException if the pattern is blank, contains whitespace or {@code ***}
   */
  public static Glob of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw new InvalidGlobException(pattern, "must not be blank");
    }
    if (pattern.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidGlobException(pattern, "must not contain whitespace");
    }
    if (pattern.contains("***")) {
      throw new InvalidGlobException(pattern, "'***' is not a wildcard; use '*' or '**'");
    }
    return new Glob(pattern, Wildcards.compile(pattern, stars -> stars == 2 ? ".*" : "[^/]*"));
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  /** The pattern as written in the configuration. */
  public String pattern() {
    return source;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Glob glob && glob.source.equals(source);
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
