package dev.hallmark.policy.api.admin;

import dev.hallmark.policy.store.ProjectChange;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the admin API answers. Documents are shown as stored: token hashes, never tokens. */
final class AdminViews {
  private AdminViews() {}

  /** A project in the list. */
  @Serdeable
  record ProjectSummary(
      String name,
      long revision,
      String source,
      Instant updatedAt,
      String updatedBy,
      Map<String, Integer> policyVersions) {}

  /** A project with its document. */
  @Serdeable
  record ProjectDocumentView(
      String name,
      long revision,
      String source,
      Instant updatedAt,
      String updatedBy,
      Map<String, Integer> policyVersions,
      Map<String, Object> document) {}

  /** The outcome of a change; {@code changed} false when the document was already so. */
  @Serdeable
  record ChangeView(
      String project,
      long revision,
      boolean changed,
      boolean deleted,
      Map<String, Integer> policyVersions,
      List<String> changedPolicies,
      Instant changedAt,
      String changedBy) {

    static ChangeView of(ProjectChange change) {
      return new ChangeView(
          change.project(),
          change.revision(),
          true,
          change.deleted(),
          change.policyVersions(),
          change.changedPolicies(),
          change.changedAt(),
          change.changedBy());
    }
  }

  /** One policy at one version. */
  @Serdeable
  record PolicyView(
      String project,
      String policy,
      int version,
      long projectRevision,
      Instant createdAt,
      String createdBy,
      Map<String, Object> document) {}
}
