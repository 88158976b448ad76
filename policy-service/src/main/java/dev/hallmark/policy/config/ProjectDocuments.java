package dev.hallmark.policy.config;

import dev.hallmark.policy.config.ProjectProperties.ApproverProperties;
import dev.hallmark.policy.config.ProjectProperties.PolicyProperties;
import dev.hallmark.policy.config.ProjectProperties.SubmitterProperties;
import dev.hallmark.policy.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A project as a document: the tree of maps, lists and scalars that the policy-as-code file holds
 * below {@code hallmark.projects.<project>}, and that the admin API takes and returns as JSON. The
 * policy store keeps projects in this form, so a stored revision reads exactly like the file.
 *
 * <p>Both directions go through {@link ProjectProperties}, so a document is checked by the same
 * rules as the file ({@link ConfiguredPolicyCatalogue#toProject}). Unlike the file, which
 * intake-service shares, a document is policy-service's own: an unknown key is a problem, not a
 * warning.
 */
public final class ProjectDocuments {
  static final Set<String> PROJECT_KEYS = UnknownProjectKeys.PROJECT_KEYS;

  private ProjectDocuments() {}

  /**
   * Whether a name is acceptable for a project, policy, submitter, approver or group: lower-case
   * letters, digits, {@code -}, {@code _} and {@code .}, starting with a letter or digit.
   */
  public static boolean isValidName(String name) {
    return ConfiguredPolicyCatalogue.isValidName(name);
  }

  /** The document of a project read from the file: plain keys, sorted, no defaults added. */
  static Map<String, Object> toDocument(ProjectProperties project) {
    Map<String, Object> submitters = new TreeMap<>();
    for (SubmitterProperties submitter : project.getSubmitters()) {
      submitters.put(submitter.getName(), hashOnly(submitter.tokenSha256()));
    }
    Map<String, Object> approvers = new TreeMap<>();
    for (ApproverProperties approver : project.getApprovers()) {
      Map<String, Object> entry = hashOnly(approver.tokenSha256());
      entry.put("groups", approver.getGroups());
      approvers.put(approver.getName(), entry);
    }
    Map<String, Object> policies = new TreeMap<>();
    for (PolicyProperties policy : project.getPolicies()) {
      policies.put(policy.getName(), policyDocument(policy));
    }
    Map<String, Object> document = new TreeMap<>();
    document.put("submitters", submitters);
    document.put("approvers", approvers);
    document.put("policies", policies);
    return document;
  }

  private static Map<String, Object> hashOnly(String tokenSha256) {
    Map<String, Object> entry = new TreeMap<>();
    entry.put("token-sha256", tokenSha256);
    return entry;
  }

  private static Map<String, Object> policyDocument(PolicyProperties policy) {
    Map<String, Object> document = new TreeMap<>();
    document.put("submitters", policy.getSubmitters());
    document.put("repositories", policy.getRepositories());
    document.put("tags", policy.getTags());
    document.put("auto-sign-pushes", policy.isAutoSignPushes());
    document.put("methods", policy.getMethods());
    document.put("key", policy.getKey());
    if (policy.getOrigin() != null) {
      document.put("origin", policy.getOrigin());
    }
    if (policy.getApproval() != null) {
      document.put("approval", policy.getApproval());
    }
    return document;
  }

  /**
   * Reads and checks a project document.
   *
   * @param name the project's name
   * @param document the project's tree
   * @param problems receives one {@code <field>: <what is wrong>} per problem, the field as a path
   *     inside the document ({@code policies.release.methods})
   * @return the project, with every policy at version 1 (the store numbers versions); empty when
   *     there were problems
   */
  public static Optional<Project> parse(
      String name, Map<String, Object> document, List<String> problems) {
    int before = problems.size();
    ProjectProperties properties = toProperties(name, document, problems);
    List<String> ruleProblems = new ArrayList<>();
    Project project = ConfiguredPolicyCatalogue.toProject(properties, ruleProblems);
    String prefix = ProjectProperties.PREFIX + "." + name + ".";
    ruleProblems.stream()
        .map(problem -> problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem)
        .forEach(problems::add);
    return problems.size() > before ? Optional.empty() : Optional.of(project);
  }

  private static ProjectProperties toProperties(
      String name, Map<String, Object> document, List<String> problems) {
    unknownKeys(document, "", PROJECT_KEYS, problems);
    ProjectProperties project = new ProjectProperties(name);
    List<SubmitterProperties> submitters = new ArrayList<>();
    entries(document.get("submitters"), "submitters", problems)
        .forEach(
            (submitterName, value) -> {
              String key = "submitters." + submitterName;
              Map<String, Object> entry = map(value, key, problems);
              unknownKeys(entry, key + ".", UnknownProjectKeys.SUBMITTER_KEYS, problems);
              SubmitterProperties submitter = new SubmitterProperties(submitterName);
              submitter.setTokenSha256(string(entry.get("token-sha256")));
              submitters.add(submitter);
            });
    project.setSubmitters(submitters);
    List<ApproverProperties> approvers = new ArrayList<>();
    entries(document.get("approvers"), "approvers", problems)
        .forEach(
            (approverName, value) -> {
              String key = "approvers." + approverName;
              Map<String, Object> entry = map(value, key, problems);
              unknownKeys(entry, key + ".", UnknownProjectKeys.APPROVER_KEYS, problems);
              ApproverProperties approver = new ApproverProperties(approverName);
              approver.setTokenSha256(string(entry.get("token-sha256")));
              approver.setGroups(strings(entry.get("groups"), key + ".groups", problems));
              approvers.add(approver);
            });
    project.setApprovers(approvers);
    List<PolicyProperties> policies = new ArrayList<>();
    entries(document.get("policies"), "policies", problems)
        .forEach(
            (policyName, value) -> {
              String key = "policies." + policyName;
              policies.add(policy(policyName, map(value, key, problems), key, problems));
            });
    project.setPolicies(policies);
    return project;
  }

  private static PolicyProperties policy(
      String name, Map<String, Object> tree, String key, List<String> problems) {
    unknownKeys(tree, key + ".", UnknownProjectKeys.POLICY_KEYS, problems);
    PolicyProperties policy = new PolicyProperties(name);
    policy.setSubmitters(strings(tree.get("submitters"), key + ".submitters", problems));
    policy.setRepositories(strings(tree.get("repositories"), key + ".repositories", problems));
    if (tree.containsKey("tags")) {
      policy.setTags(strings(tree.get("tags"), key + ".tags", problems));
    }
    Object autoSign = tree.getOrDefault("auto-sign-pushes", false);
    if (autoSign instanceof Boolean flag) {
      policy.setAutoSignPushes(flag);
    } else {
      problems.add(key + ".auto-sign-pushes: must be true or false");
    }
    policy.setMethods(strings(tree.get("methods"), key + ".methods", problems));
    policy.setKey(string(tree.get("key")));
    if (tree.get("origin") != null) {
      policy.setOrigin(map(tree.get("origin"), key + ".origin", problems));
    }
    if (tree.get("approval") != null) {
      policy.setApproval(map(tree.get("approval"), key + ".approval", problems));
    }
    return policy;
  }

  private static void unknownKeys(
      Map<String, Object> tree, String prefix, Set<String> known, List<String> problems) {
    tree.keySet().stream()
        .filter(key -> !known.contains(key))
        .sorted()
        .forEach(
            key ->
                problems.add(
                    prefix
                        + key
                        + ": unknown key; known keys are "
                        + new java.util.TreeSet<>(known)));
  }

  private static Map<String, Object> entries(Object value, String key, List<String> problems) {
    return value == null ? Map.of() : new TreeMap<>(map(value, key, problems));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String key, List<String> problems) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<Object, Object>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
      return copy;
    }
    problems.add(key + ": must be an object");
    return Map.of();
  }

  private static List<String> strings(Object value, String key, List<String> problems) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String)) {
      return list.stream().map(String.class::cast).toList();
    }
    problems.add(key + ": must be a list of strings");
    return List.of();
  }

  private static String string(Object value) {
    return value instanceof String text ? text : value == null ? null : String.valueOf(value);
  }
}
