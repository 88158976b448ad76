package dev.hallmark.policy.config;

import dev.hallmark.events.SigningMethod;
import dev.hallmark.policy.config.ProjectProperties.ApproverProperties;
import dev.hallmark.policy.config.ProjectProperties.PolicyProperties;
import dev.hallmark.policy.config.ProjectProperties.SubmitterProperties;
import dev.hallmark.policy.model.ApprovalRule;
import dev.hallmark.policy.model.Approver;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.InvalidGlobException;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.Project;
import dev.hallmark.policy.model.SigningMethods;
import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projects and signing policies of the policy-as-code file ({@code hallmark.projects}), checked
 * when the service starts ({@link Context}): a broken file stops the start with a {@link
 * PolicyConfigurationException} naming every bad key, instead of denying requests later.
 *
 * <p>Decisions do not read this class: the policy store imports the file's {@link #documents()}
 * into the database at start, numbers policy versions there, and serves the catalogue. Here every
 * policy has version {@value #CONFIGURED_POLICY_VERSION}: the file has no history.
 */
@Context
public final class ConfiguredPolicyCatalogue {
  /** The version of every policy read from the configuration. */
  public static final int CONFIGURED_POLICY_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredPolicyCatalogue.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final Map<String, Project> projects;
  private final Map<String, Map<String, Object>> documents;

  ConfiguredPolicyCatalogue(List<ProjectProperties> configured) {
    List<String> problems = new ArrayList<>();
    List<Project> built =
        configured.stream()
            .sorted(Comparator.comparing(ProjectProperties::getName))
            .map(project -> toProject(project, problems))
            .toList();
    if (!problems.isEmpty()) {
      throw new PolicyConfigurationException(problems);
    }
    Map<String, Project> byName = new LinkedHashMap<>();
    built.forEach(project -> byName.put(project.name(), project));
    this.projects = byName;
    Map<String, Map<String, Object>> trees = new LinkedHashMap<>();
    configured.stream()
        .sorted(Comparator.comparing(ProjectProperties::getName))
        .forEach(project -> trees.put(project.getName(), ProjectDocuments.toDocument(project)));
    this.documents = trees;
    if (byName.isEmpty()) {
      LOG.warn(
          "no projects are configured ({}): every signing request will be denied; pass the"
              + " projects file with MICRONAUT_CONFIG_FILES",
          ProjectProperties.PREFIX);
    } else {
      LOG.info(
          "{} project(s) with {} signing policies configured",
          byName.size(),
          built.stream().mapToInt(project -> project.policies().size()).sum());
    }
  }

  /** Every project of the file, sorted by name. */
  public List<Project> projects() {
    return List.copyOf(projects.values());
  }

  public Optional<Project> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  /** The file's projects as documents ({@link ProjectDocuments}), by name, sorted by name. */
  public Map<String, Map<String, Object>> documents() {
    return documents;
  }

  /**
   * Checks a project and builds it from the policies that pass; every problem names its key below
   * {@code hallmark.projects.<project>}.
   */
  static Project toProject(ProjectProperties project, List<String> problems) {
    String key = ProjectProperties.PREFIX + "." + project.getName();
    checkName(project.getName(), key, problems);
    for (SubmitterProperties submitter : project.getSubmitters()) {
      String submitterKey = key + ".submitters." + submitter.getName();
      checkName(submitter.getName(), submitterKey, problems);
      String token = submitter.tokenSha256();
      if (token == null || !SHA256_HEX.matcher(token).matches()) {
        problems.add(
            submitterKey
                + ".token-sha256: "
                + (token == null ? "is required" : "must be 64 lower-case hex digits")
                + " (the hex SHA-256 of the submitter's bearer token)");
      }
    }
    Set<String> submitters =
        project.getSubmitters().stream()
            .map(SubmitterProperties::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    Map<String, Approver> approvers = approvers(project, key, problems);
    Map<String, Policy> policies = new LinkedHashMap<>();
    for (PolicyProperties policy : project.getPolicies()) {
      toPolicy(
              project.getName(),
              submitters,
              approvers,
              policy,
              key + ".policies." + policy.getName(),
              problems)
          .ifPresent(built -> policies.put(built.name(), built));
    }
    return new Project(project.getName(), submitters, approvers, policies);
  }

  private static Map<String, Approver> approvers(
      ProjectProperties project, String key, List<String> problems) {
    Map<String, Approver> approvers = new LinkedHashMap<>();
    Set<String> tokens = new TreeSet<>();
    for (ApproverProperties approver : project.getApprovers()) {
      String approverKey = key + ".approvers." + approver.getName();
      checkName(approver.getName(), approverKey, problems);
      String token = approver.tokenSha256();
      if (token == null || !SHA256_HEX.matcher(token).matches()) {
        problems.add(
            approverKey
                + ".token-sha256: "
                + (token == null ? "is required" : "must be 64 lower-case hex digits")
                + " (the hex SHA-256 of the approver's bearer token)");
        continue;
      }
      if (!tokens.add(token)) {
        problems.add(approverKey + ".token-sha256: another approver of the project has this token");
        continue;
      }
      approver.getGroups().forEach(group -> checkName(group, approverKey + ".groups", problems));
      approvers.put(
          approver.getName(),
          new Approver(approver.getName(), token, Set.copyOf(approver.getGroups())));
    }
    return approvers;
  }

  private static Optional<Policy> toPolicy(
      String project,
      Set<String> projectSubmitters,
      Map<String, Approver> approvers,
      PolicyProperties policy,
      String key,
      List<String> problems) {
    int before = problems.size();
    checkName(policy.getName(), key, problems);
    for (String submitter : policy.getSubmitters()) {
      if (!projectSubmitters.contains(submitter)) {
        problems.add(
            key
                + ".submitters: names unknown submitter "
                + submitter
                + "; the project's submitters are "
                + projectSubmitters
                + " (hallmark.projects."
                + project
                + ".submitters)");
      }
    }
    List<SigningMethod> methods = new ArrayList<>();
    for (String name : policy.getMethods()) {
      SigningMethods.parse(name)
          .ifPresentOrElse(
              methods::add,
              () ->
                  problems.add(
                      key
                          + ".methods: unknown method "
                          + name
                          + "; known methods are "
                          + SigningMethods.knownNames()));
    }
    if (policy.getMethods().isEmpty()) {
      problems.add(key + ".methods: must name at least one signing method, e.g. [cosign]");
    }
    if (policy.getKey() == null || policy.getKey().isBlank()) {
      problems.add(key + ".key: must name the signing key (a key id of signer-service)");
    }
    List<Glob> repositories =
        globs(
            policy.getRepositories(),
            key + ".repositories",
            ConfiguredPolicyCatalogue::repositoryPatternProblem,
            problems);
    List<Glob> tags =
        globs(
            policy.getTags(),
            key + ".tags",
            ConfiguredPolicyCatalogue::tagPatternProblem,
            problems);
    Optional<OriginRule> origin = OriginRules.parse(policy.getOrigin(), key + ".origin", problems);
    Optional<ApprovalRule> approval =
        ApprovalRules.parse(policy.getApproval(), key + ".approval", approvers.values(), problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    if (policy.isAutoSignPushes() && origin.filter(rule -> !rule.allowDeclared()).isPresent()) {
      LOG.warn(
          "{}: registry pushes carry no identity token, so origin without allow-declared denies"
              + " every push auto-sign-pushes lets in",
          key);
    }
    return Optional.of(
        new Policy(
            project,
            policy.getName(),
            CONFIGURED_POLICY_VERSION,
            new TreeSet<>(policy.getSubmitters()),
            repositories,
            tags,
            policy.isAutoSignPushes(),
            methods,
            policy.getKey(),
            origin.orElse(null),
            approval.orElse(null)));
  }

  /**
   * Names end up in keys, in {@code <project>/<policy>} and in events, so they are kept plain:
   * lower-case letters, digits, {@code -}, {@code _} and {@code .}. Micronaut already turns a
   * camel-case key into kebab case ({@code myBot} becomes {@code my-bot}); the README says so.
   */
  /** Whether a project, policy, submitter, approver or group name is acceptable. */
  static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private static void checkName(String name, String key, List<String> problems) {
    if (!NAME.matcher(name).matches()) {
      problems.add(
          key
              + ": name '"
              + name
              + "' must be lower-case letters, digits, '-', '_' or '.', starting with a letter"
              + " or digit");
    }
  }

  private static List<Glob> globs(
      List<String> patterns,
      String key,
      Function<String, Optional<String>> extraCheck,
      List<String> problems) {
    if (patterns.isEmpty()) {
      problems.add(key + ": must name at least one pattern");
      return List.of();
    }
    List<Glob> globs = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i);
      String itemKey = key + "[" + i + "]";
      try {
        globs.add(Glob.of(pattern));
      } catch (InvalidGlobException e) {
        problems.add(itemKey + ": " + e.getMessage());
        continue;
      }
      extraCheck.apply(pattern).ifPresent(problem -> problems.add(itemKey + ": " + problem));
    }
    return globs;
  }

  /** Repository patterns are over {@code <registry>/<repository>}: the registry comes first. */
  private static Optional<String> repositoryPatternProblem(String pattern) {
    if (pattern.equals("**")) {
      return Optional.empty();
    }
    int slash = pattern.indexOf('/');
    String registry = slash < 0 ? pattern : pattern.substring(0, slash);
    boolean looksLikeHost =
        registry.contains(".")
            || registry.contains(":")
            || registry.contains("*")
            || registry.equals("localhost");
    return slash > 0 && looksLikeHost
        ? Optional.empty()
        : Optional.of(
            "pattern '"
                + pattern
                + "' must start with the registry host, as in registry.example:5000/team/*");
  }

  /** Tags never contain {@code /}. */
  private static Optional<String> tagPatternProblem(String pattern) {
    return pattern.contains("/")
        ? Optional.of("pattern '" + pattern + "' contains '/', which no tag can")
        : Optional.empty();
  }
}
