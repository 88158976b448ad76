package dev.hallmark.policy.model;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person who may approve a project's signing requests.
 *
 * <p>Names are one namespace per project: an approver and a CI submitter with the same name are the
 * same person, so an approver can never approve a request submitted under their own name.
 *
 * @param name the approver's name, as decisions list it
 * @param tokenSha256 hex SHA-256 of the approver's bearer token; never the token
 * @param groups approver groups the person belongs to; policies name a group
 */
public record Approver(String name, String tokenSha256, Set<String> groups) {
  public Approver {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenSha256, "tokenSha256");
    groups = Collections.unmodifiableSet(new TreeSet<>(groups));
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /** Keeps the token hash out of logs and exception messages. */
  @Override
  public String toString() {
    return "Approver[" + name + ", groups=" + groups + "]";
  }
}
