package dev.hallmark.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The conventions of docs/events.md that keep schemas evolvable, checked on every schema reachable
 * from an event. Each violation message says how to fix it.
 */
class SchemaConventionsTest {

  @Test
  void events_everyField_hasDoc() {
    List<String> violations = new ArrayList<>();
    for (Schema record : reachableRecords()) {
      for (Schema.Field field : record.getFields()) {
        if (field.doc() == null || field.doc().isBlank()) {
          violations.add(record.getName() + "." + field.name() + ": add a \"doc\" string");
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void events_everyUnion_isNullFirstWithDefaultNull() {
    List<String> violations = new ArrayList<>();
    for (Schema record : reachableRecords()) {
      for (Schema.Field field : record.getFields()) {
        Schema type = field.schema();
        if (type.getType() != Schema.Type.UNION) {
          continue;
        }
        boolean nullable =
            type.getTypes().size() == 2
                && type.getTypes().get(0).getType() == Schema.Type.NULL
                && field.hasDefaultValue()
                && field.defaultVal() == org.apache.avro.JsonProperties.NULL_VALUE;
        if (!nullable) {
          violations.add(
              record.getName()
                  + "."
                  + field.name()
                  + ": declare nullable fields as [\"null\", X] with \"default\": null");
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void events_everyEnum_defaultsToUnknown() {
    List<String> violations = new ArrayList<>();
    for (Schema schema : reachable().keySet()) {
      if (schema.getType() == Schema.Type.ENUM
          && !("UNKNOWN".equals(schema.getEnumDefault())
              && "UNKNOWN".equals(schema.getEnumSymbols().get(0)))) {
        violations.add(
            schema.getName() + ": make UNKNOWN the first symbol and the enum's \"default\"");
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void events_everyArrayAndMap_defaultsToEmpty() {
    List<String> violations = new ArrayList<>();
    for (Schema record : reachableRecords()) {
      for (Schema.Field field : record.getFields()) {
        Schema.Type type = field.schema().getType();
        if (type != Schema.Type.ARRAY && type != Schema.Type.MAP) {
          continue;
        }
        Object empty = type == Schema.Type.ARRAY ? List.of() : Map.of();
        if (!field.hasDefaultValue() || !empty.equals(field.defaultVal())) {
          violations.add(
              record.getName()
                  + "."
                  + field.name()
                  + ": give arrays \"default\": [] and maps \"default\": {}");
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static List<Schema> reachableRecords() {
    return reachable().keySet().stream().filter(s -> s.getType() == Schema.Type.RECORD).toList();
  }

  private static Map<Schema, Boolean> reachable() {
    Map<Schema, Boolean> seen = new IdentityHashMap<>();
    for (Class<?> type : EventTypes.ALL) {
      collect(SpecificData.getForClass(type).getSchema(type), seen);
    }
    return seen;
  }

  private static void collect(Schema schema, Map<Schema, Boolean> seen) {
    if (seen.put(schema, Boolean.TRUE) != null) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> schema.getFields().forEach(f -> collect(f.schema(), seen));
      case ARRAY -> collect(schema.getElementType(), seen);
      case MAP -> collect(schema.getValueType(), seen);
      case UNION -> schema.getTypes().forEach(t -> collect(t, seen));
      default -> {}
    }
  }
}
