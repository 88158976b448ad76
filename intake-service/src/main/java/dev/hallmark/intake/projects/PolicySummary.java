package dev.hallmark.intake.projects;

import java.util.List;
import java.util.Set;

/**
 * The parts of a signing policy intake checks before accepting a request.
 *
 * @param trustedIssuers the identity-token issuers of the policy's {@code origin}; empty when it
 *     has none, and then no identity token is accepted
 * @param requiresVerifiedOrigin the policy has an {@code origin} rule without {@code
 *     allow-declared}: policy-service denies a request without a verified identity token, so intake
 *     refuses it at once
 */
public record PolicySummary(
    String name,
    Set<String> submitters,
    List<RepositoryPattern> repositories,
    boolean autoSignPushes,
    List<TrustedIssuer> trustedIssuers,
    boolean requiresVerifiedOrigin) {

  public PolicySummary {
    submitters = Set.copyOf(submitters);
    repositories = List.copyOf(repositories);
    trustedIssuers = List.copyOf(trustedIssuers);
  }

  public boolean covers(String repository) {
    return repositories.stream().anyMatch(pattern -> pattern.matches(repository));
  }

  /** The specificity of the most specific pattern that covers {@code repository}; -1 if none. */
  public int specificityFor(String repository) {
    return repositories.stream()
        .filter(pattern -> pattern.matches(repository))
        .mapToInt(RepositoryPattern::specificity)
        .max()
        .orElse(-1);
  }
}
