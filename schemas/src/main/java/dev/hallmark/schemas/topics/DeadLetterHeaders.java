package dev.hallmark.schemas.topics;

/**
 * Kafka headers a service adds when it copies a record it cannot process to its dead-letter topic
 * ({@link Topics#deadLetterFor(String)}). Values are UTF-8 strings; partition and offset in
 * decimal. The original headers are kept.
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

  private DeadLetterHeaders() {}
}
