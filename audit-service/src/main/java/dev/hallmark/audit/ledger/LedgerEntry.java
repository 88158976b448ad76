package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of the audit ledger: one consumed event, normalized. Its {@linkplain #leaf() leaf} is
 * the exact bytes the Merkle tree hashes and the database keeps; everything else about the entry
 * (the indexed columns, the API's answers) is derived from it.
 *
 * <p>The leaf, version 1, is the {@link CanonicalJson canonical JSON} of
 *
 * <pre>{@code
 * {"v":1, "seq":<leaf index, from 0>, "recordedAt":"<when audit-service appended it>",
 *  "eventId":"…", "eventType":"<Avro schema name>", "occurredAt":"…", "requestId":"…" (if any),
 *  "source":{"topic":"…","partition":<int>,"offset":<long>}, "details":{…per event type…}}
 * }</pre>
 *
 * with members sorted and null members left out; {@code details} are listed in
 * audit-service/README.md.
 *
 * @param seq position in the ledger, gapless from 0: the entry's Merkle leaf index
 * @param recordedAt when audit-service appended it (milliseconds)
 * @param details what the event says, by event type; values are strings, longs, booleans, lists and
 *     maps of them
 */
public record LedgerEntry(
    long seq,
    Instant recordedAt,
    String eventId,
    String eventType,
    Instant occurredAt,
    @Nullable String requestId,
    EventSource source,
    Map<String, Object> details) {

  /** The version of the leaf layout written now. */
  public static final long LEAF_VERSION = 1;

  public LedgerEntry {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(source, "source");
    // The leaf keeps milliseconds; so does the entry, or one read back would differ.
    recordedAt = recordedAt.truncatedTo(ChronoUnit.MILLIS);
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    details = normalized(details);
  }

  /**
   * A deep, sorted, immutable copy with every integer as a Long: an entry built from an event and
   * the same entry read back from its leaf are equal.
   */
  @SuppressWarnings("unchecked")
  private static <T> T normalized(T value) {
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> copy = new TreeMap<>();
      map.forEach(
          (name, member) -> {
            if (member != null) {
              copy.put((String) name, normalized(member));
            }
          });
      return (T) Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(normalized(element)));
      return (T) Collections.unmodifiableList(copy);
    }
    if (value instanceof Integer number) {
      return (T) Long.valueOf(number.longValue());
    }
    return value;
  }

  /** The leaf: the canonical JSON bytes that are hashed and stored. */
  public byte[] leaf() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("v", LEAF_VERSION);
    json.put("seq", seq);
    json.put("recordedAt", Timestamps.format(recordedAt));
    json.put("eventId", eventId);
    json.put("eventType", eventType);
    json.put("occurredAt", Timestamps.format(occurredAt));
    json.put("requestId", requestId);
    json.put(
        "source",
        Map.of(
            "topic", source.topic(), "partition", source.partition(), "offset", source.offset()));
    json.put("details", details);
    return CanonicalJson.encode(json);
  }

  /**
   * Reads a leaf back.
   *
   * @throws MalformedLeafException if it is not a leaf of a version this code knows
   */
  public static LedgerEntry fromLeaf(byte[] leaf) {
    if (!(CanonicalJson.parse(leaf) instanceof Map<?, ?> json)) {
      throw new MalformedLeafException("a leaf is a JSON object");
    }
    if (!Long.valueOf(LEAF_VERSION).equals(json.get("v"))) {
      throw new MalformedLeafException("unknown leaf version " + json.get("v"));
    }
    Map<?, ?> source = member(json, "source", Map.class);
    Map<String, Object> details = new TreeMap<>();
    member(json, "details", Map.class).forEach((name, value) -> details.put((String) name, value));
    return new LedgerEntry(
        member(json, "seq", Long.class),
        Timestamps.parse(member(json, "recordedAt", String.class)),
        member(json, "eventId", String.class),
        member(json, "eventType", String.class),
        Timestamps.parse(member(json, "occurredAt", String.class)),
        json.get("requestId") == null ? null : member(json, "requestId", String.class),
        new EventSource(
            member(source, "topic", String.class),
            Math.toIntExact(member(source, "partition", Long.class)),
            member(source, "offset", Long.class)),
        details);
  }

  private static <T> T member(Map<?, ?> json, String name, Class<T> type) {
    Object value = json.get(name);
    if (!type.isInstance(value)) {
      throw new MalformedLeafException(
          "member " + name + " must be a " + type.getSimpleName().toLowerCase());
    }
    return type.cast(value);
  }
}
