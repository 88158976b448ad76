package dev.hallmark.deploy.local.deadletters;

import dev.hallmark.schemas.serde.EventSerializer;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of a dead-letter topic as an operator sees it: where it sits, where it came from, its
 * event type, when it was parked ({@code hallmark-dlt-parked-at}, else the record's timestamp) and
 * why.
 *
 * @param sourceTopic {@code -} when the header is missing, as on records parked by hand
 */
record DeadLetter(
    int partition,
    long offset,
    String sourceTopic,
    String sourcePartition,
    String sourceOffset,
    String eventType,
    Instant parkedAt,
    String reason,
    String key) {

  static final String MISSING = "-";

  static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        record.partition(),
        record.offset(),
        header(record, DeadLetterHeaders.SOURCE_TOPIC).orElse(MISSING),
        header(record, DeadLetterHeaders.SOURCE_PARTITION).orElse(MISSING),
        header(record, DeadLetterHeaders.SOURCE_OFFSET).orElse(MISSING),
        header(record, EventSerializer.EVENT_TYPE_HEADER).orElse(MISSING),
        parkedAt(record),
        header(record, DeadLetterHeaders.REASON).orElse(MISSING),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
  }

  /** The last value of a header as UTF-8, the way the services write them. */
  static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** The parked-at header when it is a time, else the record's timestamp (set when written). */
  private static Instant parkedAt(ConsumerRecord<byte[], byte[]> record) {
    Optional<String> header = header(record, DeadLetterHeaders.PARKED_AT);
    if (header.isPresent()) {
      try {
        return Instant.parse(header.get());
      } catch (DateTimeParseException e) {
        // fall through: the record's own time is the next best answer
      }
    }
    return Instant.ofEpochMilli(record.timestamp());
  }

  /** {@code topic-partition@offset} of the record before it was parked. */
  String source() {
    return sourceTopic + "-" + sourcePartition + "@" + sourceOffset;
  }

  /** The dead-letter offset, prefixed with its partition when that is not 0. */
  String position() {
    return partition == 0 ? Long.toString(offset) : partition + ":" + offset;
  }

  /** One line: offset, source, event type, time parked, replay state, reason (escaped). */
  String line(boolean replayed) {
    return String.join(
        "  ",
        position(),
        source(),
        eventType,
        parkedAt.toString(),
        replayed ? "replayed" : "pending",
        OneLine.escape(reason));
  }

  /** The fields of {@link #line} for {@code --json}, in a stable order. */
  Map<String, Object> fields(boolean replayed) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("partition", partition);
    fields.put("offset", offset);
    fields.put("sourceTopic", sourceTopic);
    fields.put("sourcePartition", sourcePartition);
    fields.put("sourceOffset", sourceOffset);
    fields.put("eventType", eventType);
    fields.put("parkedAt", parkedAt.toString());
    fields.put("replayed", replayed);
    fields.put("reason", reason);
    fields.put("key", key);
    return fields;
  }
}
