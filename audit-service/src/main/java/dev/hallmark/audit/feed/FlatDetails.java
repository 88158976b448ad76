package dev.hallmark.audit.feed;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An entry's details as the flat string map of {@code AuditRecord.details}: nested names joined by
 * {@code .}, list elements as {@code name[i]}, numbers and booleans as their JSON text, e.g. {@code
 * images[0].digest}, {@code origin.verified = true}. Empty lists and maps leave no key. The typed,
 * exact form is the record's leaf.
 */
final class FlatDetails {
  private FlatDetails() {}

  static Map<String, String> of(Map<String, Object> details) {
    Map<String, String> flat = new TreeMap<>();
    details.forEach((name, value) -> flatten(name, value, flat));
    return flat;
  }

  private static void flatten(String name, Object value, Map<String, String> flat) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((member, nested) -> flatten(name + "." + member, nested, flat));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(name + "[" + i + "]", list.get(i), flat);
      }
    } else if (value != null) {
      flat.put(name, String.valueOf(value));
    }
  }
}
