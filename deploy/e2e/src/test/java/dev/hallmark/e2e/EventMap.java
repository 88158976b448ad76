package dev.hallmark.e2e;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.hallmark.schemas.topics.TopicSpec;
import dev.hallmark.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which classes write and read each topic, found in the compiled code: a writer is a class whose
 * method calls {@code Outbox.append} or {@code appendAll} and names a {@code Topics} constant in
 * the same method; a reader is a listener of the messaging runtime, with the topics of the consumer
 * group it names. Rendered as the "Event map" table of {@code docs/events.md}, which {@code
 * EventMapTest} keeps equal to the code.
 */
final class EventMap {
  static final String OUTBOX = "dev.hallmark.runtime.outbox.Outbox";
  static final String TOPICS = Topics.class.getName();

  /** topic name -> "service: Class" of each writer. */
  final Map<String, SortedSet<String>> writers = new TreeMap<>();

  /** topic name -> "service: Class" of each reader. */
  final Map<String, SortedSet<String>> readers = new TreeMap<>();

  private EventMap() {}

  static EventMap of(JavaClasses classes, ListenerTopics listenerTopics) {
    EventMap map = new EventMap();
    for (JavaClass type : classes) {
      for (JavaCodeUnit method : type.getCodeUnits()) {
        if (callsOutbox(method)) {
          for (String topic : topicsNamedIn(method)) {
            map.writers.computeIfAbsent(topic, t -> new TreeSet<>()).add(label(type));
          }
        }
      }
      for (String topic : listenerTopics.topicsOf(type)) {
        map.readers.computeIfAbsent(topic, t -> new TreeSet<>()).add(label(type));
      }
    }
    return map;
  }

  /** The topics a listener class consumes; empty for a class that is not a listener. */
  interface ListenerTopics {
    Set<String> topicsOf(JavaClass type);
  }

  private static boolean callsOutbox(JavaCodeUnit method) {
    for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
      String name = call.getName();
      if (call.getTargetOwner().getName().equals(OUTBOX)
          && (name.equals("append") || name.equals("appendAll"))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> topicsNamedIn(JavaCodeUnit method) {
    Set<String> names = new TreeSet<>();
    for (JavaFieldAccess access : method.getFieldAccesses()) {
      if (access.getTargetOwner().getName().equals(TOPICS)) {
        topicConstant(access.getName()).ifPresent(spec -> names.add(spec.name()));
      }
    }
    return names;
  }

  private static java.util.Optional<TopicSpec> topicConstant(String field) {
    try {
      Object value = Topics.class.getField(field).get(null);
      return value instanceof TopicSpec spec
          ? java.util.Optional.of(spec)
          : java.util.Optional.empty();
    } catch (ReflectiveOperationException e) {
      return java.util.Optional.empty();
    }
  }

  /** "intake-service: request.SigningRequestService", from the class's package. */
  static String label(JavaClass type) {
    String packageName = type.getPackageName();
    for (Map.Entry<String, String> service : ArchitectureTest.SERVICES.entrySet()) {
      String root = service.getValue();
      if (packageName.equals(root) || packageName.startsWith(root + ".")) {
        String relative = type.getName().substring(root.length() + 1);
        return service.getKey() + ": `" + relative + "`";
      }
    }
    return "`" + type.getName() + "`";
  }

  /**
   * The catalogue's event topics, in catalogue order: dead-letter topics (no event types of their
   * own, written by service-runtime for every listener) are described in prose instead.
   */
  static List<TopicSpec> eventTopics() {
    return Topics.ALL.stream().filter(topic -> !topic.eventTypes().isEmpty()).toList();
  }

  /** The markdown table, one row per event topic, in catalogue order. */
  String table() {
    List<String> lines = new ArrayList<>();
    lines.add("| topic | written by (outbox call sites) | read by (listeners) |");
    lines.add("|---|---|---|");
    for (TopicSpec topic : eventTopics()) {
      lines.add(
          "| `"
              + topic.name()
              + "` | "
              + cell(writers, topic.name())
              + " | "
              + cell(readers, topic.name())
              + " |");
    }
    return String.join("\n", lines) + "\n";
  }

  private static String cell(Map<String, SortedSet<String>> places, String topic) {
    SortedSet<String> found = places.getOrDefault(topic, new TreeSet<>());
    return found.isEmpty() ? "none" : String.join("<br>", found);
  }

  /** The services that read each topic, for comparing with the catalogue's consumers. */
  Map<String, SortedSet<String>> readingServices() {
    return byService(readers, label -> label.substring(0, label.indexOf(':')));
  }

  private static Map<String, SortedSet<String>> byService(
      Map<String, SortedSet<String>> places, Function<String, String> service) {
    Map<String, SortedSet<String>> result = new TreeMap<>();
    places.forEach(
        (topic, labels) ->
            labels.stream()
                .filter(label -> label.contains(":"))
                .forEach(
                    label ->
                        result
                            .computeIfAbsent(topic, t -> new TreeSet<>())
                            .add(service.apply(label))));
    return result;
  }
}
