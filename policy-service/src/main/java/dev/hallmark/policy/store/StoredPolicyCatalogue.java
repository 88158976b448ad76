package dev.hallmark.policy.store;

import dev.hallmark.policy.config.ProjectDocuments;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.PolicyCatalogue;
import dev.hallmark.policy.model.Project;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue decisions use: the stored projects, each policy at its latest version. Held in
 * memory and reloaded whenever the newest change id in the database differs from the one loaded, so
 * a change made through any instance's admin API decides the next request on every instance,
 * without a restart. The check is one indexed query per lookup.
 *
 * <p>Depends on {@link PolicyAsCodeImport}, so that no request is decided before the file is in the
 * database.
 */
@Singleton
public class StoredPolicyCatalogue implements PolicyCatalogue {
  private static final Logger LOG = LoggerFactory.getLogger(StoredPolicyCatalogue.class);
  private final ProjectRepository projects;
  private final PolicyVersionRepository versions;
  private final CanonicalDocuments documents;
  private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

  StoredPolicyCatalogue(
      ProjectRepository projects,
      PolicyVersionRepository versions,
      CanonicalDocuments documents,
      PolicyAsCodeImport imported) {
    this.projects = projects;
    this.versions = versions;
    this.documents = documents;
  }

  @Override
  public List<Project> projects() {
    return List.copyOf(current().projects().values());
  }

  @Override
  public Optional<Project> project(String name) {
    return Optional.ofNullable(current().projects().get(name));
  }

  private Snapshot current() {
    long lastChange = projects.lastChangeId();
    Snapshot loaded = snapshot;
    if (loaded.changeId() == lastChange) {
      return loaded;
    }
    Snapshot reloaded = load(lastChange);
    snapshot = reloaded;
    return reloaded;
  }

  /**
   * Reads every live project. {@code changeId} was read before the rows, so the rows are at least
   * that new; a change committed in between only makes the next lookup load again.
   */
  private Snapshot load(long changeId) {
    Map<String, Map<String, Integer>> latestVersions =
        versions.findLatest().stream()
            .collect(
                Collectors.groupingBy(
                    PolicyVersionRow::project,
                    Collectors.toMap(PolicyVersionRow::policy, PolicyVersionRow::version)));
    Map<String, Project> loaded = new LinkedHashMap<>();
    for (ProjectRow row : projects.findAllOrdered()) {
      if (row.deleted()) {
        continue;
      }
      List<String> problems = new ArrayList<>();
      Optional<Project> parsed =
          ProjectDocuments.parse(row.name(), documents.fromJson(row.document()), problems);
      if (parsed.isEmpty()) {
        // Stored documents were checked when written; a rule made stricter since can break one.
        LOG.error(
            "stored project {} (revision {}) breaks the current rules and is not used: {}",
            row.name(),
            row.revision(),
            problems);
        continue;
      }
      Map<String, Integer> projectVersions = latestVersions.getOrDefault(row.name(), Map.of());
      Project project = parsed.get();
      Map<String, Policy> policies = new LinkedHashMap<>();
      project
          .policies()
          .forEach(
              (name, policy) ->
                  policies.put(name, policy.withVersion(projectVersions.getOrDefault(name, 1))));
      loaded.put(
          row.name(),
          new Project(project.name(), project.submitters(), project.approvers(), policies));
    }
    LOG.debug("catalogue loaded at change {}: {} project(s)", changeId, loaded.size());
    return new Snapshot(changeId, Collections.unmodifiableMap(loaded));
  }

  private record Snapshot(long changeId, Map<String, Project> projects) {}
}
