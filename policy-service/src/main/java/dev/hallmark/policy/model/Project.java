package dev.hallmark.policy.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A project: a set of CI submitters and the signing policies they can use.
 *
 * @param name project name, as signing requests name it
 * @param submitters names of the project's CI submitters; never their credentials
 * @param policies the project's signing policies by name, sorted by name
 */
public record Project(String name, Set<String> submitters, Map<String, Policy> policies) {

  public Project {
    Objects.requireNonNull(name, "name");
    submitters = Collections.unmodifiableSet(new TreeSet<>(submitters));
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
}
