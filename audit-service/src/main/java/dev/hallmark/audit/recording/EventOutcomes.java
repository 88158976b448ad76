package dev.hallmark.audit.recording;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outcome an event states, read through the schema (an enum field {@code outcome}, as {@code
 * PolicyDecision} has), so new event types with an outcome are covered without code here.
 */
final class EventOutcomes {
  private EventOutcomes() {}

  /** The outcome's symbol name ({@code APPROVED}), or null if the event has none. */
  static String of(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("outcome");
    if (field == null) {
      return null;
    }
    Object value = event.get(field.pos());
    if (value instanceof Enum<?> symbol) {
      return symbol.name();
    }
    return value instanceof GenericEnumSymbol<?> symbol ? symbol.toString() : null;
  }
}
