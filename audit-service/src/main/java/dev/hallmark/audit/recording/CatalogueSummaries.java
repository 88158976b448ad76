package dev.hallmark.audit.recording;

import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.ProjectCatalogued;
import java.util.stream.Collectors;

/**
 * What a project catalogue entry contains, in one line for the audit entry's reason: the revision,
 * the policies with their versions and the submitters by name, e.g. {@code revision 4: policies
 * [default v2, release v3], submitters [ci]}. Never the token hashes: the audit log is read by more
 * people than may see them, and a hash is all an attacker needs to test guessed tokens offline.
 */
final class CatalogueSummaries {
  private CatalogueSummaries() {}

  static String of(ProjectCatalogued entry) {
    String revision = "revision " + entry.getRevision();
    if (entry.getDeleted()) {
      return revision + ": project deleted";
    }
    String policies =
        entry.getPolicies().stream()
            .map(CatalogueSummaries::policy)
            .collect(Collectors.joining(", ", "[", "]"));
    String submitters =
        entry.getSubmitters().stream()
            .map(CatalogueSubmitter::getName)
            .collect(Collectors.joining(", ", "[", "]"));
    String summary = revision + ": policies " + policies + ", submitters " + submitters;
    return summary.length() > EventReasons.MAX_LENGTH
        ? summary.substring(0, EventReasons.MAX_LENGTH)
        : summary;
  }

  private static String policy(CataloguePolicy policy) {
    return policy.getName() + " v" + policy.getVersion();
  }
}
