package dev.hallmark.intake.projects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code hallmark.projects} configuration tree (the policy-as-code file shared with
 * policy-service, passed with {@code MICRONAUT_CONFIG_FILES}) into projects. Invalid configuration
 * fails the start with the offending key named: a file is fixed before it is deployed.
 */
final class ProjectFile {
  static final String ROOT = "hallmark.projects";

  private ProjectFile() {}

  /**
   * @throws InvalidProjectConfigurationException naming the first offending key
   */
  static Map<String, Project> parse(Map<String, Object> tree) {
    Map<String, Project> parsed = new LinkedHashMap<>();
    for (String name : keys(tree)) {
      parsed.put(name, project(name, map(tree.get(name), ROOT + "." + name)));
    }
    return Map.copyOf(parsed);
  }

  private static Project project(String name, Map<String, Object> tree) {
    String at = ROOT + "." + name;
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, Object> submitters = map(tree.getOrDefault("submitters", Map.of()), at);
    for (String submitter : keys(submitters)) {
      String key = at + ".submitters." + submitter + ".token-sha256";
      Object hash = map(submitters.get(submitter), key).get("token-sha256");
      if (!(hash instanceof String hex) || !Project.isTokenHash(hex)) {
        throw new InvalidProjectConfigurationException(key, "must be 64 lower-case hex digits");
      }
      tokens.put(hex, submitter);
    }
    Map<String, PolicySummary> policies = new LinkedHashMap<>();
    Map<String, Object> policyTree = map(tree.getOrDefault("policies", Map.of()), at);
    for (String policy : keys(policyTree)) {
      policies.put(
          policy,
          policy(policy, map(policyTree.get(policy), at + ".policies." + policy), tokens, at));
    }
    return new Project(name, Map.copyOf(tokens), Map.copyOf(policies));
  }

  private static PolicySummary policy(
      String name, Map<String, Object> tree, Map<String, String> tokens, String projectKey) {
    String at = projectKey + ".policies." + name;
    List<String> submitters = strings(tree.get("submitters"));
    for (String submitter : submitters) {
      if (!tokens.containsValue(submitter)) {
        throw new InvalidProjectConfigurationException(
            at + ".submitters", "names unknown submitter " + submitter);
      }
    }
    List<String> repositories = strings(tree.get("repositories"));
    if (repositories.isEmpty()) {
      throw new InvalidProjectConfigurationException(
          at + ".repositories", "at least one repository pattern is required");
    }
    Object origin = tree.get("origin");
    return new PolicySummary(
        name,
        new LinkedHashSet<>(submitters),
        repositories.stream().map(RepositoryPattern::of).toList(),
        Boolean.parseBoolean(String.valueOf(tree.getOrDefault("auto-sign-pushes", "false"))),
        trustedIssuers(origin, at + ".origin"),
        requiresVerifiedOrigin(origin, at + ".origin"));
  }

  /**
   * Whether the origin block denies requests without a verified token: it does unless {@code
   * allow-declared} is {@code true}. policy-service checks the value strictly; anything but {@code
   * true} counts as false here, the stricter reading.
   */
  private static boolean requiresVerifiedOrigin(Object origin, String key) {
    return origin != null
        && !Boolean.parseBoolean(String.valueOf(map(origin, key).get("allow-declared")));
  }

  /**
   * The issuers of a policy's {@code origin} block. Only what intake needs to verify tokens is read
   * here; policy-service reads the whole block (claims, allow-declared) and checks it strictly.
   */
  private static List<TrustedIssuer> trustedIssuers(Object origin, String key) {
    if (origin == null) {
      return List.of();
    }
    Object issuers = map(origin, key).get("issuers");
    if (!(issuers instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidProjectConfigurationException(
          key + ".issuers",
          "must list at least one issuer (issuer, jwks-url and audience of each)");
    }
    List<TrustedIssuer> trusted = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = key + ".issuers[" + i + "]";
      Map<String, Object> issuer = map(list.get(i), at);
      String audience =
          issuer.get("audience") == null ? "" : String.valueOf(issuer.get("audience"));
      if (audience.isBlank()) {
        throw new InvalidProjectConfigurationException(at + ".audience", "is required");
      }
      trusted.add(
          new TrustedIssuer(
              url(issuer.get("issuer"), at + ".issuer").toString(),
              url(issuer.get("jwks-url"), at + ".jwks-url"),
              audience));
    }
    return List.copyOf(trusted);
  }

  private static java.net.URI url(Object value, String key) {
    return TrustedIssuer.url(value)
        .orElseThrow(() -> new InvalidProjectConfigurationException(key, TrustedIssuer.URL_RULE));
  }

  /** Configuration maps also carry flattened {@code list[0]} keys; only plain names count. */
  private static List<String> keys(Map<String, Object> tree) {
    return tree.keySet().stream().filter(key -> !key.contains("[")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new InvalidProjectConfigurationException(key, "must be a map");
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }
}
