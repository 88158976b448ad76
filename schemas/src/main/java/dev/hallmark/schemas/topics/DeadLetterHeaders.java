package dev.hallmark.schemas.topics;

/**
 * Kafka headers a service adds when it copies a record it cannot process to its dead-letter topic
 * ({@link Topics#deadLetterFor(String)}). Values are UTF-8 strings; partition and offset in
 * decimal. The original record's key, value and headers (e.g. {@code hallmark-event-type}) are kept
 * as they were; these headers come after them.
 */
public final class DeadLetterHeaders {

  /** Why the record was dead-lettered, e.g. the exception class and message; never payload. */
  public static final String REASON = "hallmark-dlt-reason";

  /** Topic the record was consumed from. */
  public static final String SOURCE_TOPIC = "hallmark-dlt-source-topic";

  /** Partition the record was consumed from. */
  public static final String SOURCE_PARTITION = "hallmark-dlt-source-partition";

  /** Offset of the record in its source partition. */
  public static final String SOURCE_OFFSET = "hallmark-dlt-source-offset";

  /** Consumer group ({@link ConsumerGroup#id()}) that parked it: whose listener gave up. */
  public static final String CONSUMER_GROUP = "hallmark-dlt-consumer-group";

  /** When it was parked, ISO-8601 UTC ({@code 2026-01-31T12:00:00.123Z}). */
  public static final String PARKED_AT = "hallmark-dlt-parked-at";

  private DeadLetterHeaders() {}
}
