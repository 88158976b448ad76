package dev.hallmark.intake.projects;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * What the project catalogue topic last said about one project, at one revision.
 *
 * @param name the project name
 * @param revision the project's revision; only a higher one replaces this entry
 * @param project the project at this revision; null when the topic removed it (deleted, withdrawn
 *     as unusable, or a tombstone)
 */
record CatalogueEntry(String name, long revision, @Nullable Project project) {

  CatalogueEntry {
    Objects.requireNonNull(name, "name");
  }

  static CatalogueEntry of(Project project, long revision) {
    return new CatalogueEntry(project.name(), revision, project);
  }

  static CatalogueEntry removed(String name, long revision) {
    return new CatalogueEntry(name, revision, null);
  }

  boolean isRemoved() {
    return project == null;
  }
}
