package dev.hallmark.policy.store;

import dev.hallmark.policy.config.ConfiguredPolicyCatalogue;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the policy-as-code file into the store when the service starts: a project that differs from
 * its stored revision gets a new revision (and its changed policies new versions), a project the
 * file owned and no longer names is deleted, and projects made through the admin API are left alone
 * unless the file names them (then the file takes them over: git is the source of truth for what it
 * names). Several instances starting at once import one after the other (an advisory lock), so a
 * file change makes exactly one revision.
 */
@Singleton
public class PolicyAsCodeImport {
  /** The {@code changedBy} of revisions made by the import. */
  public static final String ACTOR = "policy-as-code";

  private static final Logger LOG = LoggerFactory.getLogger(PolicyAsCodeImport.class);

  PolicyAsCodeImport(Importer importer) {
    List<ProjectChange> changes = importer.run();
    LOG.info(
        "policy-as-code file imported: {} change(s){}",
        changes.size(),
        changes.isEmpty()
            ? ""
            : " "
                + changes.stream()
                    .map(
                        change ->
                            change.project()
                                + "@"
                                + change.revision()
                                + (change.deleted() ? " deleted" : " " + change.policyVersions()))
                    .toList());
  }

  /** The import's transaction; a separate bean so that {@link Transactional} applies. */
  @Singleton
  static class Importer {
    private final ConfiguredPolicyCatalogue file;
    private final PolicyStore store;
    private final ProjectRepository projects;

    Importer(ConfiguredPolicyCatalogue file, PolicyStore store, ProjectRepository projects) {
      this.file = file;
      this.store = store;
      this.projects = projects;
    }

    @Transactional
    List<ProjectChange> run() {
      projects.lockImport();
      List<ProjectChange> changes = new ArrayList<>();
      for (Map.Entry<String, Map<String, Object>> project : file.documents().entrySet()) {
        Optional<ProjectChange> change =
            store.put(
                project.getKey(), project.getValue(), ProjectSource.POLICY_AS_CODE, ACTOR, null);
        change.ifPresent(changes::add);
      }
      for (ProjectRow row : projects.findAllOrdered()) {
        boolean fileOwned = row.source().equals(ProjectSource.POLICY_AS_CODE.column());
        if (fileOwned && !row.deleted() && !file.documents().containsKey(row.name())) {
          changes.add(store.delete(row.name(), ProjectSource.POLICY_AS_CODE, ACTOR, null));
        }
      }
      return changes;
    }
  }
}
