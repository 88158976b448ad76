package dev.hallmark.intake.projects;

import dev.hallmark.intake.projects.ProjectDirectory.CiSubmitter;
import dev.hallmark.intake.projects.ProjectDirectory.PolicyRoute;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of projects with the lookups intake answers requests from. Built once per change
 * of the projects, so that a lookup is a map access and never sees a half-applied change.
 */
final class ProjectView {
  private final Map<String, Project> projects;
  private final Map<String, CiSubmitter> submittersByTokenSha256;

  ProjectView(Map<String, Project> projects) {
    this.projects = Map.copyOf(projects);
    Map<String, CiSubmitter> tokens = new HashMap<>();
    for (Project project : new TreeMap<>(projects).values()) {
      // A hash in two projects authenticates for the first by name: deterministic, not by luck.
      project
          .submittersByTokenSha256()
          .forEach((hash, name) -> tokens.putIfAbsent(hash, new CiSubmitter(project.name(), name)));
    }
    this.submittersByTokenSha256 = Map.copyOf(tokens);
  }

  Optional<Project> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  Optional<CiSubmitter> submitterOf(String tokenSha256) {
    return Optional.ofNullable(submittersByTokenSha256.get(tokenSha256));
  }

  /**
   * The auto-signing policy that covers a pushed repository most specifically: the one whose
   * matching pattern has the most non-wildcard characters ({@code reg/demo/app} before {@code
   * reg/demo/*}); on a tie, the first by project and then policy name. Configuration order is not
   * used: configuration maps do not keep it.
   */
  Optional<PolicyRoute> autoSigningPolicyFor(String repository) {
    PolicyRoute best = null;
    int bestSpecificity = -1;
    for (Project project : new TreeMap<>(projects).values()) {
      for (PolicySummary policy : new TreeMap<>(project.policies()).values()) {
        int specificity = policy.autoSignPushes() ? policy.specificityFor(repository) : -1;
        if (specificity > bestSpecificity) {
          best = new PolicyRoute(project.name(), policy.name());
          bestSpecificity = specificity;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
