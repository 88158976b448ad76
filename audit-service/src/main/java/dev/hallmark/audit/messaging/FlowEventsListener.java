package dev.hallmark.audit.messaging;

import dev.hallmark.audit.recording.EventRecorder;
import dev.hallmark.runtime.messaging.BatchListener;
import dev.hallmark.runtime.messaging.ConsumedEvent;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.ConsumerGroups;
import dev.hallmark.schemas.topics.TopicSpec;
import dev.hallmark.schemas.topics.Topics;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * Consumes every event topic of the flow, and the project catalogue (each entry is a change of
 * projects or policies to audit; the catalogue is compacted, so an entry replaced before audit read
 * it is not seen), one poll at a time: the whole batch is appended to the ledger in one transaction
 * ({@link EventRecorder}), then the offsets are committed.
 */
@Singleton
final class FlowEventsListener implements BatchListener {
  /** Every event type the catalogue puts on the topics audit reads. */
  private static final Set<Class<? extends SpecificRecord>> EVENT_TYPES =
      Topics.ALL.stream()
          .filter(topic -> ConsumerGroups.AUDIT.topics().contains(topic.name()))
          .map(TopicSpec::eventTypes)
          .flatMap(List::stream)
          .collect(Collectors.toUnmodifiableSet());

  private final EventRecorder recorder;

  FlowEventsListener(EventRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public ConsumerGroup group() {
    return ConsumerGroups.AUDIT;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return EVENT_TYPES;
  }

  @Override
  public void apply(List<ConsumedEvent> events) {
    recorder.record(events);
  }
}
