package dev.hallmark.publisher.publication;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.schemas.serde.EventCodec;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Records signatures to publish as pending rows, all of one polled batch in one transaction,
 * without touching any registry: consuming never waits for a registry or Notary, so one that is
 * down holds up nobody. A signature recorded before (pending, published or failed) is skipped, so a
 * redelivered event publishes nothing twice. {@link PublicationWorker} does the publishing.
 */
@Singleton
public class PublicationQueue {
  private final PublicationRepository publications;
  private final PublicationTargets targets;
  private final ApplicationEventPublisher<Queued> queued;
  private final Clock clock;
  private final EventCodec codec = EventCodec.standard();

  PublicationQueue(
      PublicationRepository publications,
      PublicationTargets targets,
      ApplicationEventPublisher<Queued> queued,
      Clock clock) {
    this.publications = publications;
    this.targets = targets;
    this.queued = queued;
    this.clock = clock;
  }

  /** Published inside the recording transaction; the worker hears of it after the commit. */
  public record Queued(int count) {}

  /**
   * @return how many signatures were new
   */
  @Transactional
  public int enqueue(List<SignatureCreated> signatures) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    int recorded = 0;
    for (SignatureCreated signature : signatures) {
      ImageRef image = signature.getImage();
      recorded +=
          publications.insertPending(
              new PublicationRepository.PendingPublication(
                  signature.getEventId(),
                  signature.getRequestId(),
                  image.getRegistry(),
                  image.getRepository(),
                  image.getDigest(),
                  signature.getMethod().name(),
                  signature.getKeyId(),
                  signature.getPayloadDigest(),
                  targets.of(signature),
                  codec.encode(signature),
                  now));
    }
    if (recorded > 0) {
      queued.publishEvent(new Queued(recorded));
    }
    return recorded;
  }
}
