package dev.hallmark.intake.messaging;

import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.intake.projects.CatalogueUpdates;
import dev.hallmark.intake.projects.UnusableCatalogueEntryException;
import dev.hallmark.runtime.messaging.RecordContext;
import dev.hallmark.runtime.messaging.RecordListener;
import dev.hallmark.runtime.messaging.UnusableEventException;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.ConsumerGroups;
import jakarta.inject.Singleton;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the project catalogue ({@code hallmark.projects.v1}) into intake's project directory. Every
 * instance needs the whole catalogue, again after every start (it is held in memory only), so the
 * subscription {@link ConsumerGroups#INTAKE_CATALOGUE} assigns every partition, reads from the
 * beginning and commits nothing. A tombstone removes the project its key names; an entry that
 * cannot be used is parked with the reason.
 */
@Singleton
final class CatalogueListener implements RecordListener {
  private final CatalogueUpdates updates;

  CatalogueListener(CatalogueUpdates updates) {
    this.updates = updates;
  }

  @Override
  public ConsumerGroup group() {
    return ConsumerGroups.INTAKE_CATALOGUE;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return Set.of(ProjectCatalogued.class);
  }

  @Override
  public void apply(SpecificRecord event, RecordContext context) {
    try {
      updates.apply(context.keyText(), (ProjectCatalogued) event);
    } catch (UnusableCatalogueEntryException e) {
      throw new UnusableEventException(e.getMessage());
    }
  }

  @Override
  public boolean acceptsTombstones() {
    return true;
  }

  @Override
  public void applyTombstone(RecordContext context) {
    if (context.keyText() == null) {
      throw new UnusableEventException("a record without key and value");
    }
    updates.applyTombstone(context.keyText());
  }
}
