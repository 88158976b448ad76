package dev.hallmark.policy.catalogue;

import dev.hallmark.events.CatalogueIssuer;
import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.store.ProjectChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds the {@link ProjectCatalogued} entry of a project change: what intake-service needs to
 * answer CI callers at once (token hashes, policy names, patterns, issuers) and what the audit log
 * records. Never a token: only the hashes the document holds.
 */
final class CatalogueEntries {
  private CatalogueEntries() {}

  static ProjectCatalogued of(ProjectChange change, UUID eventId) {
    return ProjectCatalogued.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(change.changedAt())
        .setProject(change.project())
        .setRevision(change.revision())
        .setChangedBy(change.changedBy())
        .setDeleted(change.deleted())
        .setSubmitters(change.deleted() ? List.of() : submitters(change.document()))
        .setPolicies(
            change.deleted()
                ? List.of()
                : change.rules().policies().values().stream()
                    .map(CatalogueEntries::policy)
                    .toList())
        .build();
  }

  private static List<CatalogueSubmitter> submitters(Map<String, Object> document) {
    List<CatalogueSubmitter> submitters = new ArrayList<>();
    Object section = document.get("submitters");
    if (section instanceof Map<?, ?> entries) {
      new TreeMap<>(entries)
          .forEach(
              (name, entry) -> {
                Object hash = entry instanceof Map<?, ?> map ? map.get("token-sha256") : null;
                submitters.add(
                    CatalogueSubmitter.newBuilder()
                        .setName(String.valueOf(name))
                        .setTokenSha256(String.valueOf(hash))
                        .build());
              });
    }
    return submitters;
  }

  private static CataloguePolicy policy(Policy policy) {
    OriginRule origin = policy.origin();
    return CataloguePolicy.newBuilder()
        .setName(policy.name())
        .setVersion(policy.version())
        .setSubmitters(List.copyOf(policy.submitters()))
        .setRepositories(policy.repositories().stream().map(Glob::pattern).toList())
        .setTags(policy.tags().stream().map(Glob::pattern).toList())
        .setAutoSignPushes(policy.autoSignPushes())
        .setMethods(policy.methods())
        .setKeyId(policy.keyId())
        .setIssuers(
            origin == null
                ? List.of()
                : origin.issuers().stream()
                    .map(
                        issuer ->
                            CatalogueIssuer.newBuilder()
                                .setIssuer(issuer.issuer())
                                .setJwksUrl(issuer.jwksUrl().toString())
                                .setAudience(issuer.audience())
                                .build())
                    .toList())
        .setRequiresVerifiedOrigin(origin != null && !origin.allowDeclared())
        .setRequiredApprovals(policy.approval() == null ? 0 : policy.approval().required())
        .setApproverGroup(policy.approval() == null ? null : policy.approval().group())
        .build();
  }
}
