package dev.hallmark.schemas;

import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningRequested;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every top-level event Hallmark puts on a topic, as its current generated class. Shared types
 * ({@code ImageRef}, {@code Origin}, ...) are not events and are not listed.
 */
public final class EventTypes {

  /** Current event classes, in pipeline order, then the project catalogue. Immutable. */
  public static final List<Class<? extends SpecificRecord>> ALL =
      List.of(
          SigningRequested.class,
          PolicyDecision.class,
          SignatureCreated.class,
          SigningFailed.class,
          DecisionRejected.class,
          SignaturePublished.class,
          PublicationFailed.class,
          AuditRecord.class,
          AuditCheckpoint.class,
          ProjectCatalogued.class);

  private EventTypes() {}
}
