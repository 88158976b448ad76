package dev.hallmark.audit.recording;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The project an event is about, read through the schema (a string field {@code project}), so new
 * event types with a project are covered without code here.
 */
final class EventProjects {
  private EventProjects() {}

  /** The project, or null if the event names none. */
  static String of(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("project");
    return field != null && event.get(field.pos()) instanceof CharSequence project
        ? project.toString()
        : null;
  }
}
