package dev.hallmark.intake.projects;

import java.util.HashMap;
import java.util.Map;

/**
 * The projects of the projects file merged with the entries of the project catalogue topic,
 * immutable: applying an entry returns a new catalogue. A topic entry overrides the file's project
 * of the same name, a removed entry removes it, and projects only in the file stay; per project the
 * highest revision wins, whatever order the entries arrive in.
 */
final class ProjectCatalogue {
  private final Map<String, Project> file;
  private final Map<String, CatalogueEntry> topic;
  private final ProjectView view;

  private ProjectCatalogue(Map<String, Project> file, Map<String, CatalogueEntry> topic) {
    this.file = Map.copyOf(file);
    this.topic = Map.copyOf(topic);
    this.view = new ProjectView(merged());
  }

  /** The projects of the file alone, before anything was read from the topic. */
  static ProjectCatalogue ofFile(Map<String, Project> file) {
    return new ProjectCatalogue(file, Map.of());
  }

  /** The merged projects, with their lookups. */
  ProjectView view() {
    return view;
  }

  /**
   * @return the catalogue with the entry, or this same catalogue if the entry's revision is not
   *     higher than the one held for its project (a late, older revision, or a redelivery)
   */
  ProjectCatalogue with(CatalogueEntry entry) {
    CatalogueEntry held = topic.get(entry.name());
    if (held != null && entry.revision() <= held.revision()) {
      return this;
    }
    Map<String, CatalogueEntry> changed = new HashMap<>(topic);
    changed.put(entry.name(), entry);
    return new ProjectCatalogue(file, changed);
  }

  /** Whether the topic gave the project a revision higher than {@code revision}. */
  boolean holdsNewerThan(String name, long revision) {
    CatalogueEntry held = topic.get(name);
    return held != null && held.revision() > revision;
  }

  /**
   * A tombstone (a record without value) for the project: it carries no revision, so it removes the
   * project whatever revision is held, and keeps that revision so that a higher one brings the
   * project back.
   */
  ProjectCatalogue withTombstone(String name) {
    CatalogueEntry held = topic.get(name);
    long revision = held == null ? 0 : held.revision();
    Map<String, CatalogueEntry> changed = new HashMap<>(topic);
    changed.put(name, CatalogueEntry.removed(name, revision));
    return new ProjectCatalogue(file, changed);
  }

  private Map<String, Project> merged() {
    Map<String, Project> merged = new HashMap<>(file);
    for (CatalogueEntry entry : topic.values()) {
      if (entry.isRemoved()) {
        merged.remove(entry.name());
      } else {
        merged.put(entry.name(), entry.project());
      }
    }
    return merged;
  }
}
