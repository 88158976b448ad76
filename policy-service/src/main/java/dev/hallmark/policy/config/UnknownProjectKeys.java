package dev.hallmark.policy.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start about keys below {@code hallmark.projects} that policy-service does not read. A
 * typo is otherwise silent, and one is dangerous: a misspelt {@code tags} leaves the default, any
 * tag. Only a warning, because the file is shared and intake-service may read keys this service
 * does not.
 */
@Context
final class UnknownProjectKeys {
  static final Set<String> PROJECT_KEYS = Set.of("submitters", "approvers", "policies");
  static final Set<String> SUBMITTER_KEYS = Set.of("token-sha256");
  static final Set<String> APPROVER_KEYS = Set.of("token-sha256", "groups");
  static final Set<String> POLICY_KEYS =
      Set.of(
          "submitters",
          "repositories",
          "tags",
          "auto-sign-pushes",
          "methods",
          "key",
          "origin",
          "approval");
  private static final Logger LOG = LoggerFactory.getLogger(UnknownProjectKeys.class);

  UnknownProjectKeys(Environment environment) {
    for (String key : find(environment)) {
      LOG.warn("{} is not a key policy-service reads; is it misspelt?", key);
    }
  }

  /** The unknown keys, in kebab case (how Micronaut names them), sorted. */
  static List<String> find(Environment environment) {
    List<String> unknown = new ArrayList<>();
    for (String project : environment.getPropertyEntries(ProjectProperties.PREFIX)) {
      String projectKey = ProjectProperties.PREFIX + "." + project;
      unknown.addAll(unknownBelow(environment, projectKey, PROJECT_KEYS));
      for (String submitter : environment.getPropertyEntries(projectKey + ".submitters")) {
        unknown.addAll(
            unknownBelow(environment, projectKey + ".submitters." + submitter, SUBMITTER_KEYS));
      }
      for (String approver : environment.getPropertyEntries(projectKey + ".approvers")) {
        unknown.addAll(
            unknownBelow(environment, projectKey + ".approvers." + approver, APPROVER_KEYS));
      }
      for (String policy : environment.getPropertyEntries(projectKey + ".policies")) {
        unknown.addAll(unknownBelow(environment, projectKey + ".policies." + policy, POLICY_KEYS));
      }
    }
    return unknown.stream().sorted().toList();
  }

  private static List<String> unknownBelow(Environment environment, String key, Set<String> known) {
    return new TreeSet<>(environment.getPropertyEntries(key))
        .stream().filter(entry -> !known.contains(entry)).map(entry -> key + "." + entry).toList();
  }
}
