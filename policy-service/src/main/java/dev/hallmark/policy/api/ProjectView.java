package dev.hallmark.policy.api;

import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.Project;
import dev.hallmark.policy.model.SigningMethods;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A project as {@code GET /api/v1/projects} shows it: names and rules, never token hashes.
 *
 * @param name project name
 * @param submitters names of the project's CI submitters
 * @param policies its signing policies, sorted by name
 */
@Serdeable
record ProjectView(String name, List<String> submitters, List<PolicyView> policies) {

  static ProjectView of(Project project) {
    return new ProjectView(
        project.name(),
        List.copyOf(project.submitters()),
        project.policies().values().stream().map(PolicyView::of).toList());
  }

  /**
   * @param name policy name
   * @param version policy version (1 for policies from the configuration)
   * @param submitters CI submitters allowed to use it
   * @param repositories repository patterns over {@code <registry>/<repository>}
   * @param tags tag patterns
   * @param methods allowed signing methods, lower case
   * @param key signing key id in signer-service
   * @param autoSignPushes whether registry pushes are signed automatically
   */
  @Serdeable
  record PolicyView(
      String name,
      int version,
      List<String> submitters,
      List<String> repositories,
      List<String> tags,
      List<String> methods,
      String key,
      boolean autoSignPushes) {

    static PolicyView of(Policy policy) {
      return new PolicyView(
          policy.name(),
          policy.version(),
          List.copyOf(policy.submitters()),
          policy.repositories().stream().map(Glob::pattern).toList(),
          policy.tags().stream().map(Glob::pattern).toList(),
          policy.methods().stream().map(SigningMethods::nameOf).toList(),
          policy.keyId(),
          policy.autoSignPushes());
    }
  }
}
