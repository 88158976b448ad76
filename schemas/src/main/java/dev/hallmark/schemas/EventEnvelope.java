package dev.hallmark.schemas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every Hallmark event carries, read without knowing the event's type (the audit-service
 * records every event through this view).
 *
 * @param eventId unique id of the event
 * @param requestId signing request the event belongs to; null for events outside a request
 * @param occurredAt when the step the event describes happened
 * @param eventType simple schema name of the event, e.g. {@code SigningRequested}; the same value
 *     as the {@code hallmark-event-type} Kafka header
 */
public record EventEnvelope(UUID eventId, UUID requestId, Instant occurredAt, String eventType) {

  /** Field names every event has; see {@code src/main/avro/events}. */
  public static final String EVENT_ID = "eventId";

  public static final String REQUEST_ID = "requestId";
  public static final String OCCURRED_AT = "occurredAt";

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(eventType, "eventType");
  }

  /**
   * Reads the common fields of {@code event} by field name.
   *
   * @throws IllegalArgumentException if the record lacks {@code eventId} or {@code occurredAt},
   *     i.e. is not a Hallmark event
   */
  public static EventEnvelope of(SpecificRecord event) {
    Schema schema = event.getSchema();
    Object eventId = field(event, EVENT_ID);
    Object occurredAt = field(event, OCCURRED_AT);
    if (eventId == null || occurredAt == null) {
      throw new IllegalArgumentException(
          schema.getFullName()
              + " is not a Hallmark event: every event needs non-null fields eventId and occurredAt");
    }
    return new EventEnvelope(
        toUuid(eventId), toUuid(field(event, REQUEST_ID)), toInstant(occurredAt), schema.getName());
  }

  private static Object field(SpecificRecord event, String name) {
    Schema.Field field = event.getSchema().getField(name);
    return field == null ? null : event.get(field.pos());
  }

  private static UUID toUuid(Object value) {
    if (value == null || value instanceof UUID) {
      return (UUID) value;
    }
    return UUID.fromString(value.toString());
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    return Instant.ofEpochMilli((Long) value);
  }
}
