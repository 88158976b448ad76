package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.topics.ConsumerGroup;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * A bean that consumes one record at a time. The runtime ({@link ListenerRuntime}) finds every such
 * bean, runs one consumer thread for it, decodes each record, and parks on the dead-letter topic
 * what does not decode, what is a tombstone (unless {@link #acceptsTombstones()}) and what is not
 * one of {@link #eventTypes()}, without calling the listener. Retries, parking and offsets are the
 * runtime's (docs/events.md, "How services consume"); a listener only maps the event to one domain
 * call.
 *
 * <p>{@link #apply} must be idempotent: a record is applied at least once. It either returns (the
 * event is applied), throws {@link UnusableEventException} (parked at once), or throws anything
 * else (retried with backoff, {@code hallmark.kafka.retry.*}, then parked).
 */
public interface RecordListener {

  /** The subscription, from the catalogue ({@code ConsumerGroups}). */
  ConsumerGroup group();

  /** The event classes this listener takes; any other decoded event is parked. */
  Set<Class<? extends SpecificRecord>> eventTypes();

  void apply(SpecificRecord event, RecordContext context);

  /**
   * Called once when the last attempt of {@link #apply} failed, before the record would be parked:
   * a listener that can settle the event for good in another way (e.g. announce that it failed)
   * does so and returns true, and the record is not parked. The default parks it; so does an
   * exception thrown here.
   *
   * @param lastFailure what the last attempt threw
   */
  default boolean settleAfterLastAttempt(
      SpecificRecord event, RecordContext context, RuntimeException lastFailure) {
    return false;
  }

  /** Whether a record without a value (a tombstone of a compacted topic) is applied, not parked. */
  default boolean acceptsTombstones() {
    return false;
  }

  /** Applies a tombstone; called only when {@link #acceptsTombstones()}. */
  default void applyTombstone(RecordContext context) {
    throw new UnusableEventException("a record without a value (tombstone) is not expected here");
  }
}
