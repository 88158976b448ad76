package dev.hallmark.policy.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A project: a set of CI submitters, the signing policies they can use, and the people who approve
 * requests where a policy asks for approval.
 *
 * @param name project name, as signing requests name it
 * @param submitters names of the project's CI submitters; never their credentials
 * @param approvers the project's approvers by name, sorted by name
 * @param policies the project's signing policies by name, sorted by name
 */
public record Project(
    String name,
    Set<String> submitters,
    Map<String, Approver> approvers,
    Map<String, Policy> policies) {

  public Project {
    Objects.requireNonNull(name, "name");
    submitters = Collections.unmodifiableSet(new TreeSet<>(submitters));
    approvers = Collections.unmodifiableMap(new TreeMap<>(approvers));
    policies = Collections.unmodifiableMap(new TreeMap<>(policies));
    policies.forEach(
        (policyName, policy) -> {
          if (!policy.name().equals(policyName) || !policy.project().equals(name)) {
            throw new IllegalArgumentException(
                "policy " + policy.qualifiedName() + " filed under " + name + "/" + policyName);
          }
        });
  }

  public Optional<Policy> policy(String policyName) {
    return Optional.ofNullable(policies.get(policyName));
  }

  /** The project's approver with this token hash, if any. */
  public Optional<Approver> approverByTokenSha256(String tokenSha256) {
    return approvers.values().stream()
        .filter(approver -> approver.tokenSha256().equals(tokenSha256))
        .findFirst();
  }
}
