package dev.hallmark.intake.projects;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * The projects intake answers from: those of the projects file ({@code hallmark.projects}), merged
 * with the project catalogue topic, whose entries override the file's (ADR 0004). Lookups read an
 * immutable snapshot; a catalogue entry swaps in a new one, so that a request never sees half of a
 * change. An invalid file fails the start with the offending key named.
 */
@Singleton
public final class ProjectDirectory {
  /** Replaced whole, never changed: readers need no lock. */
  private volatile ProjectCatalogue catalogue;

  @Inject
  ProjectDirectory(Environment environment) {
    this(
        environment
            .getProperty(ProjectFile.ROOT, Argument.mapOf(String.class, Object.class))
            .orElse(Map.of()));
  }

  ProjectDirectory(Map<String, Object> fileTree) {
    this.catalogue = ProjectCatalogue.ofFile(ProjectFile.parse(fileTree));
  }

  public Optional<Project> project(String name) {
    return catalogue.view().project(name);
  }

  /** The project and submitter a CI token belongs to. */
  public Optional<CiSubmitter> submitterOf(String tokenSha256) {
    return catalogue.view().submitterOf(tokenSha256);
  }

  /**
   * The auto-signing policy that covers a pushed repository most specifically: the one whose
   * matching pattern has the most non-wildcard characters ({@code reg/demo/app} before {@code
   * reg/demo/*}); on a tie, the first by project and then policy name.
   */
  public Optional<PolicyRoute> autoSigningPolicyFor(String repository) {
    return catalogue.view().autoSigningPolicyFor(repository);
  }

  /**
   * Applies a catalogue entry, unless a higher revision of its project is already applied.
   * Synchronized so that two writers could not lose each other's entry; lookups do not wait.
   *
   * @return whether the entry changed the projects
   */
  synchronized boolean apply(CatalogueEntry entry) {
    ProjectCatalogue before = catalogue;
    catalogue = before.with(entry);
    return catalogue != before;
  }

  /** Whether the topic gave the project a revision higher than {@code revision}. */
  boolean holdsNewerThan(String name, long revision) {
    return catalogue.holdsNewerThan(name, revision);
  }

  /** Applies a tombstone of the topic: the project is removed, whatever revision it had. */
  synchronized void applyTombstone(String name) {
    catalogue = catalogue.withTombstone(name);
  }

  /** A CI user of a project. */
  public record CiSubmitter(String project, String name) {}

  /** Where a registry push is routed. */
  public record PolicyRoute(String project, String policy) {}
}
