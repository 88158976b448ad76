package dev.hallmark.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.schemas.EventTypes;
import dev.hallmark.schemas.topics.TopicSpec;
import dev.hallmark.schemas.topics.Topics;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every current event schema must read data written with every released version of it (backward
 * compatibility, Avro specification section "Schema Resolution"). If this fails, the change to
 * src/main/avro is incompatible: add fields only with defaults, never remove or retype a field.
 */
class SchemaCompatibilityTest {

  static Stream<ReleasedSchema> releasedSchemas() {
    return ReleasedSchemas.load().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedSchemas")
  void currentSchema_readingReleasedVersion_isCompatible(ReleasedSchema released) {
    Schema current = currentSchema(released.eventType());

    SchemaCompatibility.SchemaPairCompatibility backward =
        SchemaCompatibility.checkReaderWriterCompatibility(current, released.schema());
    SchemaCompatibility.SchemaPairCompatibility forward =
        SchemaCompatibility.checkReaderWriterCompatibility(released.schema(), current);
    // Forward compatibility (old readers reading current data) is reported, not required:
    // single-object decoding needs the writer schema anyway, so consumers upgrade first.
    System.out.printf(
        "forward compatibility of %s with current %s: %s%n",
        released.relativePath(), released.eventType(), forward.getType());

    assertThat(backward.getType())
        .as(
            "current %s cannot read data written with released %s: %s. Add fields only with"
                + " defaults; never remove, rename or retype one.",
            released.eventType(),
            released.relativePath(),
            backward.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void topicCatalogue_everyEventType_hasReleasedV1() {
    List<String> releasedV1 =
        ReleasedSchemas.load().stream()
            .filter(schema -> schema.version() == 1)
            .map(ReleasedSchema::eventType)
            .toList();
    List<String> onTopics =
        Topics.ALL.stream()
            .map(TopicSpec::eventTypes)
            .flatMap(List::stream)
            .map(Class::getSimpleName)
            .toList();

    assertThat(releasedV1)
        .as("copy each new event's schema to released/<Event>/v1.avsc and list it in index.txt")
        .containsAll(onTopics);
  }

  @Test
  void releasedIndex_listsExactlyTheReleasedFiles() throws IOException, URISyntaxException {
    URL index = getClass().getClassLoader().getResource(ReleasedSchemas.INDEX_RESOURCE);
    Path directory = Path.of(index.toURI()).getParent();
    List<String> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files =
          walk.filter(path -> path.toString().endsWith(".avsc"))
              .map(path -> directory.relativize(path).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    List<String> indexed =
        ReleasedSchemas.load().stream().map(ReleasedSchema::relativePath).sorted().toList();

    assertThat(indexed)
        .as("released/index.txt must list every released/*/v*.avsc")
        .isEqualTo(files);
  }

  @Test
  void releasedVersions_perEvent_areNumberedFromOneWithoutGaps() {
    Map<String, List<Integer>> versions =
        ReleasedSchemas.load().stream()
            .collect(
                Collectors.groupingBy(
                    ReleasedSchema::eventType,
                    Collectors.mapping(ReleasedSchema::version, Collectors.toList())));

    assertThat(versions).isNotEmpty();
    versions.forEach(
        (event, numbers) ->
            assertThat(numbers.stream().sorted().toList())
                .as("versions of %s", event)
                .isEqualTo(IntStream.rangeClosed(1, numbers.size()).boxed().toList()));
  }

  private static List<String> describe(SchemaCompatibility.SchemaPairCompatibility pair) {
    return pair.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
        .toList();
  }

  private static Schema currentSchema(String eventType) {
    return EventTypes.ALL.stream()
        .filter(type -> type.getSimpleName().equals(eventType))
        .map(type -> SpecificData.getForClass(type).getSchema(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no current event class for " + eventType));
  }
}
