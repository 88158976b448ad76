package dev.hallmark.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.events.SigningMethod;
import dev.hallmark.policy.config.ProjectProperties.ApproverProperties;
import dev.hallmark.policy.config.ProjectProperties.PolicyProperties;
import dev.hallmark.policy.config.ProjectProperties.SubmitterProperties;
import dev.hallmark.policy.model.ApprovalRule;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.Project;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConfiguredPolicyCatalogueTest {
  static final String TOKEN = "ab".repeat(32);
  static final String POLICY_KEY = "hallmark.projects.demo.policies.default";

  @Test
  void new_validProject_buildsPolicyWithVersionOne() {
    ConfiguredPolicyCatalogue catalogue = new ConfiguredPolicyCatalogue(List.of(demo(p -> {})));

    Project project = catalogue.project("demo").orElseThrow();
    assertThat(project.submitters()).containsExactly("ci");
    Policy policy = project.policy("default").orElseThrow();
    assertThat(policy.qualifiedName()).isEqualTo("demo/default");
    assertThat(policy.version()).isEqualTo(ConfiguredPolicyCatalogue.CONFIGURED_POLICY_VERSION);
    assertThat(policy.submitters()).containsExactly("ci");
    assertThat(policy.repositories()).containsExactly(Glob.of("127.0.0.1:15000/demo/*"));
    assertThat(policy.tags()).containsExactly(Glob.of("*"));
    assertThat(policy.autoSignPushes()).isTrue();
    assertThat(policy.methods()).containsExactly(SigningMethod.COSIGN);
    assertThat(policy.keyId()).isEqualTo("demo-cosign");
  }

  @Test
  void new_methodsInAnyCase_areParsed() {
    ConfiguredPolicyCatalogue catalogue =
        new ConfiguredPolicyCatalogue(
            List.of(demo(p -> p.setMethods(List.of("Cosign", "NOTARY", "cosign")))));

    assertThat(catalogue.project("demo").orElseThrow().policy("default").orElseThrow().methods())
        .containsExactly(SigningMethod.COSIGN, SigningMethod.NOTARY);
  }

  @Test
  void new_noProjects_isEmpty() {
    ConfiguredPolicyCatalogue catalogue = new ConfiguredPolicyCatalogue(List.of());

    assertThat(catalogue.projects()).isEmpty();
    assertThat(catalogue.project("demo")).isEmpty();
  }

  @Test
  void new_projects_areSortedByName() {
    ProjectProperties zeta = new ProjectProperties("zeta");
    ProjectProperties alpha = new ProjectProperties("alpha");

    ConfiguredPolicyCatalogue catalogue = new ConfiguredPolicyCatalogue(List.of(zeta, alpha));

    assertThat(catalogue.projects()).extracting(Project::name).containsExactly("alpha", "zeta");
  }

  @Test
  void new_unknownMethod_failsNamingTheKey() {
    assertProblems(
        demo(p -> p.setMethods(List.of("cosgn"))),
        POLICY_KEY
            + ".methods: unknown method cosgn; known methods are [cosign, notary, notation]");
  }

  @Test
  void new_noMethods_failsNamingTheKey() {
    assertProblems(
        demo(p -> p.setMethods(List.of())),
        POLICY_KEY + ".methods: must name at least one signing method, e.g. [cosign]");
  }

  @Test
  void new_emptyRepositories_failsNamingTheKey() {
    assertProblems(
        demo(p -> p.setRepositories(List.of())),
        POLICY_KEY + ".repositories: must name at least one pattern");
  }

  @Test
  void new_repositoryWithoutRegistry_failsNamingTheItem() {
    assertProblems(
        demo(p -> p.setRepositories(List.of("127.0.0.1:15000/demo/*", "demo/*"))),
        POLICY_KEY
            + ".repositories[1]: pattern 'demo/*' must start with the registry host, as in"
            + " registry.example:5000/team/*");
  }

  @Test
  void new_blankRepositoryPattern_failsNamingTheItem() {
    assertProblems(
        demo(p -> p.setRepositories(List.of(""))),
        POLICY_KEY + ".repositories[0]: pattern '' must not be blank");
  }

  @Test
  void new_tagPatternWithSlash_failsNamingTheItem() {
    assertProblems(
        demo(p -> p.setTags(List.of("v*", "a/b"))),
        POLICY_KEY + ".tags[1]: pattern 'a/b' contains '/', which no tag can");
  }

  @Test
  void new_emptyTags_failsNamingTheKey() {
    assertProblems(
        demo(p -> p.setTags(List.of())), POLICY_KEY + ".tags: must name at least one pattern");
  }

  @Test
  void new_policyNamingUnknownSubmitter_failsNamingTheKey() {
    assertProblems(
        demo(p -> p.setSubmitters(List.of("ci", "cx"))),
        POLICY_KEY
            + ".submitters: names unknown submitter cx; the project's submitters are [ci]"
            + " (hallmark.projects.demo.submitters)");
  }

  @Test
  void new_missingKey_failsNamingTheKey() {
    assertProblems(
        demo(p -> p.setKey(null)),
        POLICY_KEY + ".key: must name the signing key (a key id of signer-service)");
  }

  @Test
  void new_submitterWithoutToken_failsNamingTheKey() {
    ProjectProperties project = demo(p -> {});
    project.getSubmitters().get(0).setTokenSha256(null);

    assertProblems(
        project,
        "hallmark.projects.demo.submitters.ci.token-sha256: is required"
            + " (the hex SHA-256 of the submitter's bearer token)");
  }

  @Test
  void new_malformedToken_failsWithoutShowingIt() {
    ProjectProperties project = demo(p -> {});
    project.getSubmitters().get(0).setTokenSha256("secret-ish");

    PolicyConfigurationException e = failure(project);

    assertThat(e.problems())
        .containsExactly(
            "hallmark.projects.demo.submitters.ci.token-sha256: must be 64 lower-case hex digits"
                + " (the hex SHA-256 of the submitter's bearer token)");
    assertThat(e.getMessage()).doesNotContain("secret-ish");
  }

  @Test
  void new_upperCaseName_failsNamingTheKey() {
    assertProblems(
        new ProjectProperties("Demo"),
        "hallmark.projects.Demo: name 'Demo' must be lower-case letters, digits, '-', '_' or '.',"
            + " starting with a letter or digit");
  }

  @Test
  void new_severalProblems_reportsAllInOneMessage() {
    PolicyConfigurationException e =
        failure(
            demo(
                p -> {
                  p.setMethods(List.of("cosgn"));
                  p.setRepositories(List.of());
                }));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage())
        .startsWith("invalid projects configuration (2 problems): ")
        .contains(POLICY_KEY + ".methods")
        .contains(POLICY_KEY + ".repositories");
  }

  @Test
  void new_approvalRule_isParsedWithItsApprovers() {
    ProjectProperties project =
        withApprovers(
            demo(
                p ->
                    p.setApproval(
                        Map.of("required", 2, "group", "release", "expires-after", "30m"))));

    Project built = new ConfiguredPolicyCatalogue(List.of(project)).project("demo").orElseThrow();

    assertThat(built.policy("default").orElseThrow().approval())
        .isEqualTo(new ApprovalRule(2, "release", Duration.ofMinutes(30)));
    assertThat(built.approvers()).containsOnlyKeys("alice", "bob");
    assertThat(built.approverByTokenSha256("cd".repeat(32)).orElseThrow().name())
        .isEqualTo("alice");
  }

  @Test
  void new_approvalWithoutExpiry_waitsOneDay() {
    ProjectProperties project =
        withApprovers(demo(p -> p.setApproval(Map.of("required", 1, "group", "release"))));

    Project built = new ConfiguredPolicyCatalogue(List.of(project)).project("demo").orElseThrow();

    assertThat(built.policy("default").orElseThrow().approval().expiresAfter())
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void new_approvalGroupTooSmall_failsNamingTheKey() {
    assertProblems(
        withApprovers(demo(p -> p.setApproval(Map.of("required", 3, "group", "release")))),
        POLICY_KEY
            + ".approval.group: group release has 2 approver(s), fewer than the 3 approvals"
            + " required");
  }

  @Test
  void new_badApprovalValues_failNamingEachKey() {
    assertProblems(
        withApprovers(
            demo(
                p ->
                    p.setApproval(
                        Map.of("required", "two", "expires-after", "forever", "quorum", 1)))),
        POLICY_KEY + ".approval.quorum: unknown key; known keys are " + ApprovalRules.APPROVAL_KEYS,
        POLICY_KEY + ".approval.required: must be a whole number from 1 to 10, was two",
        POLICY_KEY + ".approval.group: is required (an approver group of the project)",
        POLICY_KEY
            + ".approval.expires-after: must be a duration such as 24h, 30m or 7d (at most 30d),"
            + " was forever");
  }

  @Test
  void new_twoApproversWithOneToken_failsWithoutShowingIt() {
    ProjectProperties project = withApprovers(demo(p -> {}));
    ApproverProperties copy = new ApproverProperties("carol");
    copy.setTokenSha256("cd".repeat(32));
    project.setApprovers(List.of(project.getApprovers().get(0), copy));

    assertProblems(
        project,
        "hallmark.projects.demo.approvers.carol.token-sha256: another approver of the project has"
            + " this token");
  }

  private static ProjectProperties withApprovers(ProjectProperties project) {
    ApproverProperties alice = new ApproverProperties("alice");
    alice.setTokenSha256("cd".repeat(32));
    alice.setGroups(List.of("release"));
    ApproverProperties bob = new ApproverProperties("bob");
    bob.setTokenSha256("ef".repeat(32));
    bob.setGroups(List.of("release", "ops"));
    project.setApprovers(List.of(alice, bob));
    return project;
  }

  private static void assertProblems(ProjectProperties project, String... problems) {
    assertThat(failure(project).problems()).containsExactly(problems);
  }

  private static PolicyConfigurationException failure(ProjectProperties project) {
    return catchThrowableOfType(
        PolicyConfigurationException.class, () -> new ConfiguredPolicyCatalogue(List.of(project)));
  }

  /** The project of the README example, with its policy changed by {@code change}. */
  static ProjectProperties demo(Consumer<PolicyProperties> change) {
    SubmitterProperties ci = new SubmitterProperties("ci");
    ci.setTokenSha256(TOKEN);
    PolicyProperties policy = new PolicyProperties("default");
    policy.setSubmitters(List.of("ci"));
    policy.setRepositories(List.of("127.0.0.1:15000/demo/*"));
    policy.setAutoSignPushes(true);
    policy.setMethods(List.of("cosign"));
    policy.setKey("demo-cosign");
    change.accept(policy);
    ProjectProperties project = new ProjectProperties("demo");
    project.setSubmitters(List.of(ci));
    project.setPolicies(List.of(policy));
    return project;
  }
}
