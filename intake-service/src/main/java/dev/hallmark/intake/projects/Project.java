package dev.hallmark.intake.projects;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What intake needs to know of a project: its CI submitters (by token hash) and its signing
 * policies. The binding policy decision is policy-service's.
 */
public record Project(
    String name, Map<String, String> submittersByTokenSha256, Map<String, PolicySummary> policies) {
  private static final Pattern TOKEN_HASH = Pattern.compile("[0-9a-f]{64}");

  public Project {
    submittersByTokenSha256 = Map.copyOf(submittersByTokenSha256);
    policies = Map.copyOf(policies);
  }

  public Optional<PolicySummary> policy(String name) {
    return Optional.ofNullable(policies.get(name));
  }

  /** Whether the value is a token hash as stored: the lower-case hex SHA-256 of the token. */
  static boolean isTokenHash(String value) {
    return TOKEN_HASH.matcher(value).matches();
  }
}
