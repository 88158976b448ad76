package dev.hallmark.policy.catalogue;

import dev.hallmark.policy.store.ProjectChange;
import dev.hallmark.policy.store.ProjectChangeListener;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Announces every project change on the compacted topic {@code hallmark.projects.v1} (key: the
 * project), through the outbox in the change's transaction: a change is stored and announced, or
 * neither. intake-service answers CI callers from the topic; audit-service records each entry.
 */
@Singleton
// Only tests that run the service without Kafka switch the outbox off; then nothing is announced.
@Requires(beans = Outbox.class)
final class CataloguePublisher implements ProjectChangeListener {
  private final Outbox outbox;

  CataloguePublisher(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void changed(ProjectChange change) {
    outbox.append(
        Topics.PROJECTS, change.project(), CatalogueEntries.of(change, UUID.randomUUID()));
  }
}
