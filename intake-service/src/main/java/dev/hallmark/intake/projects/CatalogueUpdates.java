package dev.hallmark.intake.projects;

import dev.hallmark.events.ProjectCatalogued;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the entries of the project catalogue topic to the {@link ProjectDirectory}, so that
 * project changes take effect without a restart.
 */
@Singleton
public class CatalogueUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogueUpdates.class);
  private final ProjectDirectory directory;

  CatalogueUpdates(ProjectDirectory directory) {
    this.directory = directory;
  }

  /**
   * Applies one entry, unless a higher revision of its project is already held.
   *
   * @param key the record key, the project name
   * @throws UnusableCatalogueEntryException if the entry cannot be used; a project it names
   *     reliably is then withdrawn until a usable revision comes (the message says so)
   */
  public void apply(String key, ProjectCatalogued event) {
    try {
      CatalogueEntry entry = CatalogueEntries.from(key, event);
      if (directory.apply(entry)) {
        LOG.info(
            "project {} revision {} by {}: {}",
            entry.name(),
            entry.revision(),
            event.getChangedBy(),
            entry.isRemoved() ? "removed" : entry.project().policies().size() + " policies");
      }
    } catch (UnusableCatalogueEntryException e) {
      // Withdrawn before the entry is parked: if parking fails and is retried, the withdrawal
      // already holds, and an older, possibly more permissive revision never takes the unusable
      // one's place. An unusable revision older than the one held changes nothing.
      boolean withdrawn =
          e.withdraws() && !directory.holdsNewerThan(event.getProject(), event.getRevision());
      if (!withdrawn) {
        throw e;
      }
      directory.apply(CatalogueEntry.removed(event.getProject(), event.getRevision()));
      throw UnusableCatalogueEntryException.withdrawing(
          e.getMessage() + "; the project is withdrawn until a usable revision");
    }
  }

  /** Applies a tombstone: the project named by the key is removed, whatever revision it had. */
  public void applyTombstone(String key) {
    directory.applyTombstone(key);
    LOG.info("project {} removed by a tombstone", key);
  }
}
