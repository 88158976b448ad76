package dev.hallmark.intake.projects;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Projects, CI submitters and signing policies from the {@code hallmark.projects} configuration
 * (the policy-as-code file shared with policy-service, passed with {@code MICRONAUT_CONFIG_FILES}).
 * Invalid configuration fails the start with the offending key named.
 */
@Singleton
public final class ProjectDirectory {
  static final String ROOT = "hallmark.projects";
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
  private final Map<String, Project> projects;

  @Inject
  ProjectDirectory(Environment environment) {
    this(
        environment.getProperty(ROOT, Argument.mapOf(String.class, Object.class)).orElse(Map.of()));
  }

  ProjectDirectory(Map<String, Object> tree) {
    Map<String, Project> parsed = new LinkedHashMap<>();
    for (String name : keys(tree)) {
      parsed.put(name, project(name, map(tree.get(name), ROOT + "." + name)));
    }
    this.projects = Map.copyOf(parsed);
  }

  public Optional<Project> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  /** The project and submitter a CI token belongs to. */
  public Optional<CiSubmitter> submitterOf(String tokenSha256) {
    return projects.values().stream()
        .filter(project -> project.submittersByTokenSha256().containsKey(tokenSha256))
        .map(
            project ->
                new CiSubmitter(project.name(), project.submittersByTokenSha256().get(tokenSha256)))
        .findFirst();
  }

  /**
   * The auto-signing policy that covers a pushed repository most specifically: the one whose
   * matching pattern has the most non-wildcard characters ({@code reg/demo/app} before {@code
   * reg/demo/*}); on a tie, the first by project and then policy name. Configuration order is not
   * used: configuration maps do not keep it.
   */
  public Optional<PolicyRoute> autoSigningPolicyFor(String repository) {
    PolicyRoute best = null;
    int bestSpecificity = -1;
    for (String projectName : new TreeSet<>(projects.keySet())) {
      Project project = projects.get(projectName);
      for (String policyName : new TreeSet<>(project.policies().keySet())) {
        PolicySummary policy = project.policies().get(policyName);
        int specificity = policy.autoSignPushes() ? policy.specificityFor(repository) : -1;
        if (specificity > bestSpecificity) {
          best = new PolicyRoute(project.name(), policy.name());
          bestSpecificity = specificity;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** A CI user of a project. */
  public record CiSubmitter(String project, String name) {}

  /** Where a registry push is routed. */
  public record PolicyRoute(String project, String policy) {}

  private static Project project(String name, Map<String, Object> tree) {
    String at = ROOT + "." + name;
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, Object> submitters = map(tree.getOrDefault("submitters", Map.of()), at);
    for (String submitter : keys(submitters)) {
      String key = at + ".submitters." + submitter + ".token-sha256";
      Object hash = map(submitters.get(submitter), key).get("token-sha256");
      if (!(hash instanceof String hex) || !hex.matches("[0-9a-f]{64}")) {
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
    return new PolicySummary(
        name,
        new LinkedHashSet<>(submitters),
        repositories.stream().map(RepositoryPattern::of).toList(),
        Boolean.parseBoolean(String.valueOf(tree.getOrDefault("auto-sign-pushes", "false"))),
        trustedIssuers(tree.get("origin"), at + ".origin"));
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

  /**
   * A key set fetched over plain HTTP could be replaced on the way, and then anyone could mint
   * tokens: HTTPS only, plain HTTP to the loopback interface alone (local stack, tests).
   */
  private static URI url(Object value, String key) {
    try {
      URI uri = new URI(String.valueOf(value));
      boolean https = "https".equals(uri.getScheme());
      boolean loopbackHttp = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
      if (value != null && uri.getHost() != null && (https || loopbackHttp)) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new InvalidProjectConfigurationException(
        key, "must be an https URL (plain http only to 127.0.0.1, localhost or [::1])");
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
