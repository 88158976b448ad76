package dev.hallmark.intake.projects;

import dev.hallmark.events.CatalogueIssuer;
import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.SigningMethod;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Catalogue records and entries for the unit tests of the merge. */
final class CatalogueSamples {
  static final String HASH = "c".repeat(64);

  private CatalogueSamples() {}

  /** A project with submitter {@code ci} (hash {@link #HASH}) and policy {@code default}. */
  static ProjectCatalogued.Builder event(String project, long revision) {
    return ProjectCatalogued.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(Instant.parse("2026-11-24T10:00:00Z"))
        .setProject(project)
        .setRevision(revision)
        .setChangedBy("alice")
        .setDeleted(false)
        .setSubmitters(List.of(submitter("ci", HASH)))
        .setPolicies(List.of(policy("default").build()));
  }

  static CatalogueSubmitter submitter(String name, String hash) {
    return CatalogueSubmitter.newBuilder().setName(name).setTokenSha256(hash).build();
  }

  static CataloguePolicy.Builder policy(String name) {
    return CataloguePolicy.newBuilder()
        .setName(name)
        .setVersion(1)
        .setSubmitters(List.of("ci"))
        .setRepositories(List.of("r.example/demo/*"))
        .setTags(List.of("*"))
        .setAutoSignPushes(false)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId("demo-cosign")
        .setIssuers(List.of())
        .setRequiresVerifiedOrigin(false)
        .setRequiredApprovals(0)
        .setApproverGroup(null);
  }

  static CatalogueIssuer issuer(String issuer, String jwksUrl) {
    return CatalogueIssuer.newBuilder()
        .setIssuer(issuer)
        .setJwksUrl(jwksUrl)
        .setAudience("hallmark")
        .build();
  }

  /** The entry of {@link #event} for this project, revision and submitter hash. */
  static CatalogueEntry entry(String project, long revision, String hash) {
    return CatalogueEntries.from(
        project, event(project, revision).setSubmitters(List.of(submitter("ci", hash))).build());
  }
}
