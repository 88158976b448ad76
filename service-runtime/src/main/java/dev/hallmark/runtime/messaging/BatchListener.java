package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.topics.ConsumerGroup;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * A bean that consumes the decoded records of one poll at a time, e.g. to write them in one
 * transaction. The same rules as for {@link RecordListener} hold: the runtime decodes and parks
 * what cannot be used (after the batch was applied); a failing batch is retried as a whole with
 * backoff; once its attempts are used up, its events are applied one at a time and only those that
 * still fail are parked, so one poison record does not park its neighbours.
 *
 * <p>{@link #apply} must be idempotent (a batch, or part of it, may be applied again) and apply all
 * of the batch or nothing of it.
 */
public interface BatchListener {

  /** The subscription, from the catalogue ({@code ConsumerGroups}). */
  ConsumerGroup group();

  /** The event classes this listener takes; any other decoded event is parked. */
  Set<Class<? extends SpecificRecord>> eventTypes();

  /**
   * @param events the usable events of one poll, partition by partition, each in offset order;
   *     never empty
   */
  void apply(List<ConsumedEvent> events);
}
