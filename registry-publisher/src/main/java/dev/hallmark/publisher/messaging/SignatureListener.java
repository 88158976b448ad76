package dev.hallmark.publisher.messaging;

import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.publisher.publication.PublicationQueue;
import dev.hallmark.runtime.messaging.BatchListener;
import dev.hallmark.runtime.messaging.ConsumedEvent;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.ConsumerGroups;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Consumes {@code hallmark.signatures.v1} one poll at a time and records its created signatures as
 * pending publications, in one transaction ({@link PublicationQueue}); the publication worker
 * publishes them later, so the offsets move on at once whatever state the registries are in. {@code
 * SigningFailed} and {@code DecisionRejected} have nothing to publish (intake ends a failed
 * request, audit records both) and are passed over. Recording is idempotent: a redelivered
 * signature is not queued twice.
 */
@Singleton
final class SignatureListener implements BatchListener {
  private final PublicationQueue queue;

  SignatureListener(PublicationQueue queue) {
    this.queue = queue;
  }

  @Override
  public ConsumerGroup group() {
    return ConsumerGroups.REGISTRY_PUBLISHER;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return Set.of(SignatureCreated.class, SigningFailed.class, DecisionRejected.class);
  }

  @Override
  public void apply(List<ConsumedEvent> events) {
    List<SignatureCreated> signatures =
        events.stream()
            .map(ConsumedEvent::event)
            .filter(SignatureCreated.class::isInstance)
            .map(SignatureCreated.class::cast)
            .toList();
    if (!signatures.isEmpty()) {
      queue.enqueue(signatures);
    }
  }
}
