package dev.hallmark.schemas.serde;

import dev.hallmark.schemas.EventTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Immutable map from writer-schema fingerprint to writer schema, covering the current schema of
 * every event and every released version of it, each paired with the current class a datum is read
 * into (Avro specification, section "Schema Resolution").
 */
public final class EventSchemaStore implements SchemaStore {

  /** A schema a producer may have written with, and the current class to read its data into. */
  record WriterSchema(
      long fingerprint, Schema schema, Class<? extends SpecificRecord> readerType) {}

  private final Map<Long, WriterSchema> byFingerprint;
  private final Map<Class<?>, Long> currentFingerprints;

  private EventSchemaStore(
      Map<Long, WriterSchema> byFingerprint, Map<Class<?>, Long> currentFingerprints) {
    this.byFingerprint = Map.copyOf(byFingerprint);
    this.currentFingerprints = Map.copyOf(currentFingerprints);
  }

  /** The store of {@link EventTypes#ALL} and {@link ReleasedSchemas#load()}. */
  public static EventSchemaStore load() {
    return of(EventTypes.ALL, ReleasedSchemas.load());
  }

  /**
   * Builds a store from current event classes and released schemas.
   *
   * @throws IllegalArgumentException if a released schema has no current event class
   */
  public static EventSchemaStore of(
      List<Class<? extends SpecificRecord>> currentTypes, List<ReleasedSchema> released) {
    Map<Long, WriterSchema> byFingerprint = new HashMap<>();
    Map<Class<?>, Long> currentFingerprints = new HashMap<>();
    Map<String, Class<? extends SpecificRecord>> byName = new HashMap<>();
    for (Class<? extends SpecificRecord> type : currentTypes) {
      Schema schema = SpecificData.getForClass(type).getSchema(type);
      long fingerprint = SingleObjectEncoding.fingerprint(schema);
      byFingerprint.put(fingerprint, new WriterSchema(fingerprint, schema, type));
      currentFingerprints.put(type, fingerprint);
      byName.put(schema.getFullName(), type);
    }
    for (ReleasedSchema schema : released) {
      Class<? extends SpecificRecord> readerType = byName.get(schema.schema().getFullName());
      if (readerType == null) {
        throw new IllegalArgumentException(
            "Released schema " + schema.relativePath() + " has no current event class");
      }
      long fingerprint = schema.fingerprint();
      // Same fingerprint as the current schema: same wire format, keep the current one.
      byFingerprint.putIfAbsent(
          fingerprint, new WriterSchema(fingerprint, schema.schema(), readerType));
    }
    return new EventSchemaStore(byFingerprint, currentFingerprints);
  }

  /** The writer schema with this fingerprint, or null (contract of {@link SchemaStore}). */
  @Override
  public Schema findByFingerprint(long fingerprint) {
    WriterSchema writer = byFingerprint.get(fingerprint);
    return writer == null ? null : writer.schema();
  }

  /** Number of distinct writer schemas known. */
  public int size() {
    return byFingerprint.size();
  }

  Optional<WriterSchema> writerSchema(long fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint));
  }

  /**
   * Fingerprint of the current schema of an event class.
   *
   * @throws IllegalArgumentException if the class is not a current event type
   */
  long currentFingerprint(Class<?> type) {
    Long fingerprint = currentFingerprints.get(type);
    if (fingerprint == null) {
      throw new IllegalArgumentException(
          type.getName() + " is not a Hallmark event; events are listed in EventTypes.ALL");
    }
    return fingerprint;
  }
}
