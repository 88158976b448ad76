package dev.hallmark.intake.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.intake.projects.ProjectDirectory.CiSubmitter;
import dev.hallmark.intake.projects.ProjectDirectory.PolicyRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectDirectoryTest {
  static final String HASH = "a".repeat(64);

  static Map<String, Object> demo(Map<String, Object> policy) {
    return Map.of(
        "demo",
        Map.of(
            "submitters", Map.of("ci", Map.of("token-sha256", HASH)),
            "policies", Map.of("default", policy)));
  }

  @Test
  void submitterOf_knownHash_returnsProjectAndName() {
    ProjectDirectory directory =
        new ProjectDirectory(
            demo(Map.of("submitters", List.of("ci"), "repositories", List.of("r.example/demo/*"))));

    assertThat(directory.submitterOf(HASH)).contains(new CiSubmitter("demo", "ci"));
    assertThat(directory.submitterOf("b".repeat(64))).isEmpty();
  }

  @Test
  void autoSigningPolicyFor_coveredRepository_routesOnlyWhenAutoSignIsOn() {
    ProjectDirectory on =
        new ProjectDirectory(
            demo(Map.of("repositories", List.of("r.example/demo/*"), "auto-sign-pushes", true)));
    ProjectDirectory off =
        new ProjectDirectory(demo(Map.of("repositories", List.of("r.example/demo/*"))));

    assertThat(on.autoSigningPolicyFor("r.example/demo/app"))
        .contains(new PolicyRoute("demo", "default"));
    assertThat(on.autoSigningPolicyFor("r.example/demo/a/b")).isEmpty();
    assertThat(on.autoSigningPolicyFor("r.example/other/app")).isEmpty();
    assertThat(off.autoSigningPolicyFor("r.example/demo/app")).isEmpty();
  }

  @Test
  void autoSigningPolicyFor_severalPoliciesCover_theMostSpecificPatternWins() {
    Map<String, Object> wide =
        Map.of("repositories", List.of("r.example/**"), "auto-sign-pushes", true);
    Map<String, Object> demo =
        Map.of("repositories", List.of("r.example/demo/*"), "auto-sign-pushes", true);
    Map<String, Object> app =
        Map.of("repositories", List.of("r.example/demo/app"), "auto-sign-pushes", true);
    Map<String, Object> appNoAuto = Map.of("repositories", List.of("r.example/demo/app"));
    // Names sort against specificity, so that neither name nor map order can pass the test.
    ProjectDirectory directory =
        new ProjectDirectory(
            Map.of(
                "demo",
                Map.of(
                    "submitters", Map.of("ci", Map.of("token-sha256", HASH)),
                    "policies",
                        Map.of("a-wide", wide, "b-demo", demo, "c-app", app, "0-app", appNoAuto))));

    assertThat(directory.autoSigningPolicyFor("r.example/demo/app"))
        .contains(new PolicyRoute("demo", "c-app"));
    assertThat(directory.autoSigningPolicyFor("r.example/demo/other"))
        .contains(new PolicyRoute("demo", "b-demo"));
    assertThat(directory.autoSigningPolicyFor("r.example/elsewhere/x"))
        .contains(new PolicyRoute("demo", "a-wide"));
  }

  @Test
  void new_policyNamingUnknownSubmitter_failsNamingTheKey() {
    assertThatThrownBy(
            () ->
                new ProjectDirectory(
                    demo(
                        Map.of(
                            "submitters", List.of("nobody"),
                            "repositories", List.of("r.example/demo/*")))))
        .isInstanceOf(InvalidProjectConfigurationException.class)
        .hasMessageContaining("hallmark.projects.demo.policies.default.submitters");
  }

  @Test
  void new_badTokenHash_failsNamingTheKey() {
    assertThatThrownBy(
            () ->
                new ProjectDirectory(
                    Map.of(
                        "demo",
                        Map.of("submitters", Map.of("ci", Map.of("token-sha256", "plain"))))))
        .hasMessageContaining("hallmark.projects.demo.submitters.ci.token-sha256");
  }

  @Test
  void repositoryPattern_doubleStar_matchesAnyDepth() {
    assertThat(RepositoryPattern.of("r.example/demo/**").matches("r.example/demo/a/b/c")).isTrue();
    assertThat(RepositoryPattern.of("r.example/demo/*").matches("r.example/demo/a/b")).isFalse();
    assertThat(RepositoryPattern.of("r.example:5000/demo/*").matches("r.example/demo/a")).isFalse();
  }

  @Test
  void apply_catalogueEntry_changesLookupsAndReportsWhetherItDid() {
    ProjectDirectory directory =
        new ProjectDirectory(
            demo(Map.of("submitters", List.of("ci"), "repositories", List.of("r.example/demo/*"))));
    String newHash = "b".repeat(64);

    boolean applied = directory.apply(CatalogueSamples.entry("demo", 2, newHash));
    boolean stale = directory.apply(CatalogueSamples.entry("demo", 1, HASH));

    assertThat(applied).isTrue();
    assertThat(stale).isFalse();
    assertThat(directory.submitterOf(newHash)).contains(new CiSubmitter("demo", "ci"));
    assertThat(directory.submitterOf(HASH)).isEmpty();
  }

  @Test
  void applyTombstone_projectFromTheFile_isGone() {
    ProjectDirectory directory =
        new ProjectDirectory(demo(Map.of("repositories", List.of("r.example/demo/*"))));

    directory.applyTombstone("demo");

    assertThat(directory.project("demo")).isEmpty();
  }
}
