package dev.hallmark.policy.config;

import dev.hallmark.events.SigningMethod;
import dev.hallmark.policy.config.ProjectProperties.PolicyProperties;
import dev.hallmark.policy.config.ProjectProperties.SubmitterProperties;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.InvalidGlobException;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.PolicyCatalogue;
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
 * The projects and signing policies of the configuration ({@code hallmark.projects}), checked when
 * the service starts ({@link Context}): a broken file stops the start with a {@link
 * PolicyConfigurationException} naming every bad key, instead of denying requests later.
 *
 * <p>Configured policies have version {@value #CONFIGURED_POLICY_VERSION}: the file has no history,
 * so decisions cannot tell its revisions apart. Versions count once policies live in the database.
 */
@Context
public final class ConfiguredPolicyCatalogue implements PolicyCatalogue {
  /** The version of every policy read from the configuration. */
  public static final int CONFIGURED_POLICY_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredPolicyCatalogue.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final Map<String, Project> projects;

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

  @Override
  public List<Project> projects() {
    return List.copyOf(projects.values());
  }

  @Override
  public Optional<Project> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  private static Project toProject(ProjectProperties project, List<String> problems) {
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
    Map<String, Policy> policies = new LinkedHashMap<>();
    for (PolicyProperties policy : project.getPolicies()) {
      toPolicy(
              project.getName(),
              submitters,
              policy,
              key + ".policies." + policy.getName(),
              problems)
          .ifPresent(built -> policies.put(built.name(), built));
    }
    return new Project(project.getName(), submitters, policies);
  }

  private static Optional<Policy> toPolicy(
      String project,
      Set<String> projectSubmitters,
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
            origin.orElse(null)));
  }

  /**
   * Names end up in keys, in {@code <project>/<policy>} and in events, so they are kept plain:
   * lower-case letters, digits, {@code -}, {@code _} and {@code .}. Micronaut already turns a
   * camel-case key into kebab case ({@code myBot} becomes {@code my-bot}); the README says so.
   */
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
