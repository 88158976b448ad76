package dev.hallmark.policy.store;

import static dev.hallmark.policy.store.ProjectChangeRefusedException.Kind.MANAGED_BY_FILE;
import static dev.hallmark.policy.store.ProjectChangeRefusedException.Kind.NOT_FOUND;
import static dev.hallmark.policy.store.ProjectChangeRefusedException.Kind.REVISION_MISMATCH;

import dev.hallmark.policy.config.ProjectDocuments;
import dev.hallmark.policy.model.Project;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Projects and their versioned policies in PostgreSQL. Every change is one transaction: the
 * project's row is locked, the document is checked by the same rules as the file, a new revision is
 * written, every policy whose block changed gets the next version, and {@link
 * ProjectChangeListener}s (the catalogue publisher) add what they must in the same transaction.
 */
@Singleton
public class PolicyStore {
  private final ProjectRepository projects;
  private final PolicyVersionRepository versions;
  private final CanonicalDocuments documents;
  private final List<ProjectChangeListener> listeners;
  private final Clock clock;

  PolicyStore(
      ProjectRepository projects,
      PolicyVersionRepository versions,
      CanonicalDocuments documents,
      List<ProjectChangeListener> listeners,
      Clock clock) {
    this.projects = projects;
    this.versions = versions;
    this.documents = documents;
    this.listeners = listeners;
    this.clock = clock;
  }

  /**
   * Creates or replaces a project.
   *
   * @param expectedRevision the revision the caller read, or null to replace whatever is there
   * @return the change, or empty when the document equals the current one (nothing is written)
   * @throws InvalidProjectDocumentException if the document breaks a rule
   * @throws ProjectChangeRefusedException if the file owns the project, or the revision moved on
   */
  @Transactional
  public Optional<ProjectChange> put(
      String name,
      Map<String, Object> document,
      ProjectSource source,
      String changedBy,
      @Nullable Long expectedRevision) {
    List<String> problems = new ArrayList<>();
    Project rules = ProjectDocuments.parse(name, document, problems).orElse(null);
    if (rules == null) {
      throw new InvalidProjectDocumentException(problems);
    }
    ProjectRow current = lock(name);
    checkRevision(current, expectedRevision);
    String json = documents.toJson(document);
    boolean unchanged =
        !current.deleted()
            && current.source().equals(source.column())
            && documents
                .sha256(documents.fromJson(current.document()))
                .equals(documents.sha256(document));
    if (unchanged) {
      return Optional.empty();
    }
    checkOwner(current, source);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long revision = current.revision() + 1;
    Map<String, PolicyVersionRow> latest =
        versions.findLatestOfProject(name).stream()
            .collect(Collectors.toMap(PolicyVersionRow::policy, Function.identity()));
    Map<String, Integer> policyVersions = new TreeMap<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, Object> policy : policyBlocks(document).entrySet()) {
      String sha = documents.sha256(policy.getValue());
      PolicyVersionRow previous = latest.get(policy.getKey());
      int version = previous == null ? 1 : previous.version();
      if (previous == null || !previous.contentSha256().equals(sha)) {
        version = previous == null ? 1 : previous.version() + 1;
        versions.insert(
            new PolicyVersionRow(
                name,
                policy.getKey(),
                version,
                sha,
                documents.toJson(policy.getValue()),
                revision,
                now,
                changedBy));
        changed.add(policy.getKey());
      }
      policyVersions.put(policy.getKey(), version);
    }
    record(new ProjectRow(name, revision, source.column(), false, json, now, changedBy));
    Map<String, Integer> finalVersions = policyVersions;
    Project versioned =
        new Project(
            rules.name(),
            rules.submitters(),
            rules.approvers(),
            rules.policies().values().stream()
                .collect(
                    Collectors.toMap(
                        policy -> policy.name(),
                        policy -> policy.withVersion(finalVersions.get(policy.name())),
                        (a, b) -> a,
                        LinkedHashMap::new)));
    ProjectChange change =
        new ProjectChange(
            name,
            revision,
            current.deleted(),
            false,
            policyVersions,
            changed,
            versioned,
            document,
            now,
            changedBy);
    listeners.forEach(listener -> listener.changed(change));
    return Optional.of(change);
  }

  /**
   * Deletes a project: a new revision that marks it deleted; its history stays.
   *
   * @throws ProjectChangeRefusedException if there is no such project, the file owns it, or the
   *     revision moved on
   */
  @Transactional
  public ProjectChange delete(
      String name, ProjectSource source, String changedBy, @Nullable Long expectedRevision) {
    ProjectRow current = lock(name);
    if (current.deleted()) {
      throw new ProjectChangeRefusedException(NOT_FOUND, "project " + name + " does not exist");
    }
    checkRevision(current, expectedRevision);
    checkOwner(current, source);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long revision = current.revision() + 1;
    record(
        new ProjectRow(name, revision, source.column(), true, current.document(), now, changedBy));
    ProjectChange change =
        new ProjectChange(
            name, revision, false, true, Map.of(), List.of(), null, Map.of(), now, changedBy);
    listeners.forEach(listener -> listener.changed(change));
    return change;
  }

  /** The current, not deleted project row. */
  @Transactional
  public Optional<ProjectRow> find(String name) {
    return projects.findByName(name).filter(row -> !row.deleted());
  }

  /** Every project row, deleted ones included, sorted by name. */
  @Transactional
  public List<ProjectRow> all() {
    return projects.findAllOrdered();
  }

  /** The latest version of each policy of a project, deleted policies included. */
  @Transactional
  public Map<String, Integer> latestVersions(String project) {
    return versions.findLatestOfProject(project).stream()
        .collect(
            Collectors.toMap(
                PolicyVersionRow::policy, PolicyVersionRow::version, (a, b) -> a, TreeMap::new));
  }

  @Transactional
  public List<PolicyVersionRow> versionsOf(String project, String policy) {
    return versions.findVersions(project, policy);
  }

  @Transactional
  public Optional<PolicyVersionRow> version(String project, String policy, int version) {
    return versions.findVersion(project, policy, version);
  }

  /** The document of a stored row. */
  public Map<String, Object> document(ProjectRow row) {
    return documents.fromJson(row.document());
  }

  /** The document of a stored policy version. */
  public Map<String, Object> document(PolicyVersionRow row) {
    return documents.fromJson(row.document());
  }

  /** The project's new current state, and the same as a revision in its history. */
  private void record(ProjectRow row) {
    projects.upsert(row);
    projects.insertRevision(row);
  }

  /**
   * Locks the project's row, creating a deleted placeholder at revision 0 first when there is none,
   * so that two first writes of one project wait for each other instead of colliding.
   */
  private ProjectRow lock(String name) {
    projects.insertPlaceholder(
        name, ProjectSource.API.column(), clock.instant().truncatedTo(ChronoUnit.MILLIS), "-");
    return projects.lockByName(name).orElseThrow();
  }

  private static void checkRevision(ProjectRow current, @Nullable Long expectedRevision) {
    if (expectedRevision != null && expectedRevision != current.revision()) {
      throw new ProjectChangeRefusedException(
          REVISION_MISMATCH,
          "project "
              + current.name()
              + " is at revision "
              + current.revision()
              + ", not "
              + expectedRevision
              + "; read it again and apply the change to the current revision");
    }
  }

  /** The file owns its projects: an API change would be silently undone at the next start. */
  private static void checkOwner(ProjectRow current, ProjectSource source) {
    if (source == ProjectSource.API
        && !current.deleted()
        && current.source().equals(ProjectSource.POLICY_AS_CODE.column())) {
      throw new ProjectChangeRefusedException(
          MANAGED_BY_FILE,
          "project "
              + current.name()
              + " is managed by the policy-as-code file; change it there (and in git)");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> policyBlocks(Map<String, Object> document) {
    Object policies = document.get("policies");
    return policies instanceof Map<?, ?> map ? new TreeMap<>((Map<String, Object>) map) : Map.of();
  }
}
