package dev.hallmark.intake.projects;

import static dev.hallmark.intake.projects.CatalogueSamples.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.intake.projects.ProjectDirectory.CiSubmitter;
import dev.hallmark.intake.projects.ProjectDirectory.PolicyRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging the projects file with the catalogue topic: who wins, and which revision. */
class ProjectCatalogueTest {
  static final String FILE_HASH = "a".repeat(64);
  static final String TOPIC_HASH = "b".repeat(64);

  /** The file has projects demo (token FILE_HASH) and legacy. */
  static ProjectCatalogue fromFile() {
    Map<String, Object> policy =
        Map.of("submitters", List.of("ci"), "repositories", List.of("r/x"));
    Map<String, Object> project =
        Map.of(
            "submitters", Map.of("ci", Map.of("token-sha256", FILE_HASH)),
            "policies", Map.of("default", policy));
    Map<String, Object> legacy =
        Map.of(
            "submitters", Map.of("ci", Map.of("token-sha256", "d".repeat(64))),
            "policies", Map.of("default", policy));
    return ProjectCatalogue.ofFile(ProjectFile.parse(Map.of("demo", project, "legacy", legacy)));
  }

  @Test
  void with_projectAlsoInTheFile_topicEntryOverridesTheFile() {
    ProjectCatalogue merged = fromFile().with(entry("demo", 1, TOPIC_HASH));

    assertThat(merged.view().submitterOf(TOPIC_HASH)).contains(new CiSubmitter("demo", "ci"));
    assertThat(merged.view().submitterOf(FILE_HASH)).isEmpty();
    assertThat(merged.view().project("demo").orElseThrow().policies()).containsOnlyKeys("default");
  }

  @Test
  void with_projectOnlyInTheTopic_isAddedAndFileOnlyProjectsStay() {
    ProjectCatalogue merged = fromFile().with(entry("fresh", 1, TOPIC_HASH));

    assertThat(merged.view().project("fresh")).isPresent();
    assertThat(merged.view().project("legacy")).isPresent();
    assertThat(merged.view().submitterOf(FILE_HASH)).contains(new CiSubmitter("demo", "ci"));
  }

  @Test
  void with_deletedEntry_removesTheProjectEvenWhenTheFileHasIt() {
    ProjectCatalogue merged = fromFile().with(CatalogueEntry.removed("demo", 3));

    assertThat(merged.view().project("demo")).isEmpty();
    assertThat(merged.view().submitterOf(FILE_HASH)).isEmpty();
    assertThat(merged.view().project("legacy")).isPresent();
  }

  @Test
  void with_lowerRevisionAfterHigher_isIgnored() {
    ProjectCatalogue newer = fromFile().with(entry("demo", 5, TOPIC_HASH));

    ProjectCatalogue after = newer.with(entry("demo", 4, FILE_HASH));

    assertThat(after).isSameAs(newer);
    assertThat(after.view().submitterOf(TOPIC_HASH)).contains(new CiSubmitter("demo", "ci"));
    assertThat(after.view().submitterOf(FILE_HASH)).isEmpty();
  }

  @Test
  void holdsNewerThan_revisions_comparesWithTheHeldOne() {
    ProjectCatalogue held = fromFile().with(entry("demo", 5, TOPIC_HASH));

    assertThat(held.holdsNewerThan("demo", 4)).isTrue();
    assertThat(held.holdsNewerThan("demo", 5)).isFalse();
    assertThat(held.holdsNewerThan("legacy", 1)).isFalse();
  }

  @Test
  void with_sameRevisionAgain_isIgnoredAsARedelivery() {
    ProjectCatalogue once = fromFile().with(entry("demo", 5, TOPIC_HASH));

    assertThat(once.with(entry("demo", 5, "e".repeat(64)))).isSameAs(once);
  }

  @Test
  void with_higherRevisionAfterDeletion_bringsTheProjectBack() {
    ProjectCatalogue deleted = fromFile().with(CatalogueEntry.removed("demo", 3));

    ProjectCatalogue back = deleted.with(entry("demo", 4, TOPIC_HASH));

    assertThat(back.view().submitterOf(TOPIC_HASH)).contains(new CiSubmitter("demo", "ci"));
  }

  @Test
  void with_lowerRevisionAfterDeletion_doesNotBringTheProjectBack() {
    ProjectCatalogue deleted = fromFile().with(CatalogueEntry.removed("demo", 3));

    assertThat(deleted.with(entry("demo", 2, TOPIC_HASH)).view().project("demo")).isEmpty();
  }

  @Test
  void withTombstone_removesWhateverTheRevisionAndAHigherOneRevives() {
    ProjectCatalogue held = fromFile().with(entry("demo", 7, TOPIC_HASH));

    ProjectCatalogue gone = held.withTombstone("demo");

    assertThat(gone.view().project("demo")).isEmpty();
    assertThat(gone.with(entry("demo", 7, TOPIC_HASH)).view().project("demo")).isEmpty();
    assertThat(gone.with(entry("demo", 8, TOPIC_HASH)).view().project("demo")).isPresent();
  }

  @Test
  void with_anEntry_leavesTheCatalogueItWasAppliedToUnchanged() {
    ProjectCatalogue file = fromFile();

    file.with(CatalogueEntry.removed("demo", 1));

    assertThat(file.view().project("demo")).isPresent();
  }

  @Test
  void view_autoSigningRoute_considersTopicProjects() {
    ProjectCatalogue merged =
        fromFile()
            .with(
                CatalogueEntries.from(
                    "pushes",
                    CatalogueSamples.event("pushes", 1)
                        .setPolicies(
                            List.of(
                                CatalogueSamples.policy("auto")
                                    .setRepositories(List.of("r.example/pushes/app"))
                                    .setAutoSignPushes(true)
                                    .build()))
                        .build()));

    assertThat(merged.view().autoSigningPolicyFor("r.example/pushes/app"))
        .contains(new PolicyRoute("pushes", "auto"));
  }

  @Test
  void view_sameHashInTwoProjects_authenticatesForTheFirstByName() {
    ProjectCatalogue merged =
        fromFile().with(entry("zeta", 1, TOPIC_HASH)).with(entry("alpha", 1, TOPIC_HASH));

    assertThat(merged.view().submitterOf(TOPIC_HASH)).contains(new CiSubmitter("alpha", "ci"));
  }
}
