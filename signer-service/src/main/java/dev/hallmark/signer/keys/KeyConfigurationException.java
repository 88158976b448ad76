package dev.hallmark.signer.keys;

import java.util.List;

/** The key configuration is unusable; lists every problem, each naming its property. */
public final class KeyConfigurationException extends RuntimeException {
  private final List<String> problems;

  public KeyConfigurationException(List<String> problems) {
    super(
        "invalid signing key configuration ("
            + problems.size()
            + " problem(s)):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
