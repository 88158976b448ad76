package dev.hallmark.runtime.outbox;

import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.TopicSpec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes events into the outbox table. It must run inside the caller's transaction, so that the
 * event exists exactly when the state change it announces does.
 */
@Singleton
@Requires(property = OutboxSettings.ENABLED, value = "true")
public class Outbox {
  private final OutboxRepository repository;
  private final EventCodec codec;
  private final Clock clock;
  private final ApplicationEventPublisher<Appended> appended;

  Outbox(OutboxRepository repository, Clock clock, ApplicationEventPublisher<Appended> appended) {
    this.repository = repository;
    this.codec = EventCodec.standard();
    this.clock = clock;
    this.appended = appended;
  }

  /** Published inside the appending transaction; the relay hears of it after the commit. */
  record Appended(String topic) {}

  /** An event and its record key, for {@link #appendAll}. */
  public record Keyed(String key, SpecificRecord event) {}

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(TopicSpec topic, String key, SpecificRecord event) {
    repository.save(message(topic, new Keyed(key, event), clock.instant()));
    appended.publishEvent(new Appended(topic.name()));
  }

  /**
   * Appends several events to one topic in one batched insert, in list order: their rows get
   * increasing ids, and the relay sends rows in id order.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendAll(TopicSpec topic, List<Keyed> events) {
    if (events.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    repository.saveAll(events.stream().map(event -> message(topic, event, now)).toList());
    appended.publishEvent(new Appended(topic.name()));
  }

  private OutboxMessage message(TopicSpec topic, Keyed event, Instant createdAt) {
    return new OutboxMessage(
        null,
        topic.name(),
        event.key(),
        event.event().getSchema().getName(),
        codec.encode(event.event()),
        createdAt);
  }
}
