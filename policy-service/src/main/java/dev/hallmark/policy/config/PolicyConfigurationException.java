package dev.hallmark.policy.config;

import java.util.List;

/**
 * The projects configuration cannot be used; the service does not start. Each problem names the
 * configuration key it is about, e.g. {@code hallmark.projects.demo.policies.default.methods:
 * unknown method cosgn}.
 */
public final class PolicyConfigurationException extends RuntimeException {
  private final List<String> problems;

  PolicyConfigurationException(List<String> problems) {
    super(
        "invalid projects configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "): "
            + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One entry per problem: {@code <key>: <what is wrong>}. */
  public List<String> problems() {
    return problems;
  }
}
