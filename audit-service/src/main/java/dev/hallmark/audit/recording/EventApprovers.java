package dev.hallmark.audit.recording;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The people an event says approved it, read through the schema (a string array {@code approvers},
 * as {@code PolicyDecision} has), so new event types with approvers are covered without code here.
 */
final class EventApprovers {
  private EventApprovers() {}

  /** The names in the event's order; empty if the event names none. */
  static List<String> of(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("approvers");
    if (field == null || !(event.get(field.pos()) instanceof List<?> names)) {
      return List.of();
    }
    return names.stream().map(String::valueOf).toList();
  }
}
