package dev.hallmark.audit.recording;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The reason an event gives, read through the schema (a string field {@code reason}), so new event
 * types with a reason are covered without code here. Events never put secrets in it (their schemas
 * say so).
 */
final class EventReasons {
  static final int MAX_LENGTH = 2000;

  private EventReasons() {}

  /** The reason, at most {@value #MAX_LENGTH} characters, or null if the event has none. */
  static String of(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("reason");
    if (field == null || !(event.get(field.pos()) instanceof CharSequence reason)) {
      return null;
    }
    String text = reason.toString();
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
  }
}
