package dev.hallmark.intake.projects;

import java.util.Map;
import java.util.Optional;

/**
 * What intake needs to know of a project: its CI submitters (by token hash) and its signing
 * policies. The binding policy decision is policy-service's.
 */
public record Project(
    String name, Map<String, String> submittersByTokenSha256, Map<String, PolicySummary> policies) {

  public Optional<PolicySummary> policy(String name) {
    return Optional.ofNullable(policies.get(name));
  }
}
