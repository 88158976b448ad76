package dev.hallmark.runtime.messaging;

import java.nio.charset.StandardCharsets;

/**
 * Where a consumed record came from: what a listener may need besides the event (its key, e.g. of a
 * tombstone, or its position for an audit trail). Never the value bytes.
 */
public record RecordContext(String topic, int partition, long offset, byte[] key) {

  /** The key as UTF-8 text (all Hallmark keys are), or null for a record without a key. */
  public String keyText() {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  /** {@code topic-partition@offset}, for logs. */
  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
