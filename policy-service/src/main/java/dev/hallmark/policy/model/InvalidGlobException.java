package dev.hallmark.policy.model;

/** A pattern of a signing policy that {@link Glob} cannot use. */
public final class InvalidGlobException extends IllegalArgumentException {
  private final String pattern;
  private final String problem;

  InvalidGlobException(String pattern, String problem) {
    super("pattern '" + pattern + "' " + problem);
    this.pattern = pattern;
    this.problem = problem;
  }

  public String pattern() {
    return pattern;
  }

  /** What is wrong with the pattern, e.g. {@code must not be blank}. */
  public String problem() {
    return problem;
  }
}
