package dev.hallmark.policy.model;

import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Compiles a wildcard pattern to a regular expression: runs of characters other than {@code *} are
 * matched literally, and each wildcard ({@code *} or {@code **}) becomes what the caller's rule
 * says, so that {@link Glob} and {@link ClaimPattern} differ only in what a wildcard means.
 */
final class Wildcards {
  private Wildcards() {}

  /**
   * @param wildcard the regular expression for a wildcard of 1 or 2 stars (a longer run is read as
   *     pairs, then a single star)
   */
  static Pattern compile(String pattern, IntFunction<String> wildcard) {
    StringBuilder regex = new StringBuilder(pattern.length() + 16);
    int literalStart = 0;
    int i = 0;
    while (i < pattern.length()) {
      if (pattern.charAt(i) != '*') {
        i++;
        continue;
      }
      if (i > literalStart) {
        regex.append(Pattern.quote(pattern.substring(literalStart, i)));
      }
      int stars = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*' ? 2 : 1;
      regex.append(wildcard.apply(stars));
      i += stars;
      literalStart = i;
    }
    if (literalStart < pattern.length()) {
      regex.append(Pattern.quote(pattern.substring(literalStart)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
