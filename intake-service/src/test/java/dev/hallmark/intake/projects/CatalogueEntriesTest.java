package dev.hallmark.intake.projects;

import static dev.hallmark.intake.projects.CatalogueSamples.HASH;
import static dev.hallmark.intake.projects.CatalogueSamples.event;
import static dev.hallmark.intake.projects.CatalogueSamples.issuer;
import static dev.hallmark.intake.projects.CatalogueSamples.policy;
import static dev.hallmark.intake.projects.CatalogueSamples.submitter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.events.ProjectCatalogued;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What intake takes from a ProjectCatalogued record, and what it refuses. */
class CatalogueEntriesTest {

  @Test
  void from_project_readsSubmittersPoliciesAndIssuers() {
    ProjectCatalogued event =
        event("demo", 4)
            .setPolicies(
                List.of(
                    policy("release")
                        .setRepositories(List.of("r.example/demo/**"))
                        .setAutoSignPushes(true)
                        .setIssuers(
                            List.of(issuer("https://ci.example", "https://ci.example/jwks")))
                        .setRequiresVerifiedOrigin(true)
                        .build()))
            .build();

    CatalogueEntry entry = CatalogueEntries.from("demo", event);

    assertThat(entry.name()).isEqualTo("demo");
    assertThat(entry.revision()).isEqualTo(4);
    assertThat(entry.project().submittersByTokenSha256())
        .containsExactlyEntriesOf(java.util.Map.of(HASH, "ci"));
    PolicySummary release = entry.project().policy("release").orElseThrow();
    assertThat(release.submitters()).containsExactly("ci");
    assertThat(release.covers("r.example/demo/a/b")).isTrue();
    assertThat(release.autoSignPushes()).isTrue();
    assertThat(release.requiresVerifiedOrigin()).isTrue();
    assertThat(release.trustedIssuers())
        .containsExactly(
            new TrustedIssuer(
                "https://ci.example", URI.create("https://ci.example/jwks"), "hallmark"));
  }

  @Test
  void from_deleted_isARemovedEntryAtItsRevision() {
    CatalogueEntry entry = CatalogueEntries.from("demo", event("demo", 9).setDeleted(true).build());

    assertThat(entry.isRemoved()).isTrue();
    assertThat(entry.revision()).isEqualTo(9);
  }

  @Test
  void from_keyOtherThanTheProject_isUnusableAndWithdrawsNothing() {
    UnusableCatalogueEntryException e = refused("other", event("demo", 1).build());

    assertThat(e.withdraws()).isFalse();
    assertThat(e).hasMessage("record key other is not the project it describes, demo");
  }

  @Test
  void from_malformedTokenHash_isUnusableAndWithdrawsTheProject() {
    ProjectCatalogued event =
        event("demo", 2).setSubmitters(List.of(submitter("ci", "not-a-hash"))).build();

    UnusableCatalogueEntryException e = refused("demo", event);

    assertThat(e.withdraws()).isTrue();
    assertThat(e)
        .hasMessage(
            "project demo revision 2: submitters[ci].tokenSha256 is not 64 lower-case hex digits");
  }

  @Test
  void from_plainHttpKeySetOfAnotherHost_isUnusableNamingTheField() {
    ProjectCatalogued event =
        event("demo", 3)
            .setPolicies(
                List.of(
                    policy("release")
                        .setIssuers(List.of(issuer("https://ci.example", "http://ci.example/jwks")))
                        .build()))
            .build();

    UnusableCatalogueEntryException e = refused("demo", event);

    assertThat(e.withdraws()).isTrue();
    assertThat(e)
        .hasMessage(
            "project demo revision 3: policies[release].issuers[0].jwksUrl must be an https URL"
                + " (plain http only to 127.0.0.1, localhost or [::1])");
  }

  @Test
  void from_policyListedTwice_isUnusable() {
    ProjectCatalogued event =
        event("demo", 1).setPolicies(List.of(policy("a").build(), policy("a").build())).build();

    assertThat(refused("demo", event)).hasMessageEndingWith("policy a is listed twice");
  }

  @Test
  void from_policyNamingASubmitterTheProjectLacks_isAcceptedAndGrantsNothing() {
    ProjectCatalogued event =
        event("demo", 1)
            .setPolicies(List.of(policy("default").setSubmitters(List.of("ghost")).build()))
            .build();

    CatalogueEntry entry = CatalogueEntries.from("demo", event);

    assertThat(entry.project().submittersByTokenSha256()).doesNotContainValue("ghost");
  }

  private static UnusableCatalogueEntryException refused(String key, ProjectCatalogued event) {
    return catchThrowableOfType(
        UnusableCatalogueEntryException.class, () -> CatalogueEntries.from(key, event));
  }
}
