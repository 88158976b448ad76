package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;

/** A program or jar that a component needs is not where it is looked for. */
public final class MissingBinaryException extends InfrastructureException {
  private final Path expected;

  public MissingBinaryException(String component, Path expected, String howToFix) {
    super(component, "missing " + expected + ": " + howToFix, null);
    this.expected = expected;
  }

  public Path expected() {
    return expected;
  }
}
