package dev.hallmark.schemas.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One shipped version of an event schema, kept as immutable history under {@code
 * dev/hallmark/schemas/released/<eventType>/v<version>.avsc}.
 *
 * @param eventType simple schema name, e.g. {@code SigningRequested}
 * @param version 1 for the first release, then 2, 3, ...
 * @param schema the self-contained schema as released
 */
public record ReleasedSchema(String eventType, int version, Schema schema) {

  public ReleasedSchema {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(schema, "schema");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1: " + version);
    }
  }

  /** Resource path relative to the {@code released/} directory, e.g. {@code X/v1.avsc}. */
  public String relativePath() {
    return eventType + "/v" + version + ".avsc";
  }

  public long fingerprint() {
    return SingleObjectEncoding.fingerprint(schema);
  }
}
