package dev.hallmark.publisher.publication;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the {@code publication} row and its outcome event ({@code SignaturePublished} or {@code
 * PublicationFailed}, key {@link Topics#imageKey}) in one transaction, through the outbox.
 */
@Singleton
public class PublicationOutcomes {
  private final PublicationRepository publications;
  private final Outbox outbox;
  private final Clock clock;

  PublicationOutcomes(PublicationRepository publications, Outbox outbox, Clock clock) {
    this.publications = publications;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * @return true if recorded and announced now; false if this signature was recorded before (then
   *     nothing is emitted)
   */
  @Transactional
  public boolean record(SignatureCreated signature, Outcome outcome) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ImageRef image = signature.getImage();
    int inserted =
        publications.insertOnce(
            signature.getEventId(),
            signature.getRequestId(),
            image.getRegistry(),
            image.getRepository(),
            image.getDigest(),
            signature.getMethod().name(),
            signature.getKeyId(),
            signature.getPayloadDigest(),
            outcome.published() ? "PUBLISHED" : "FAILED",
            outcome.location(),
            outcome.reason(),
            outcome.attempts(),
            now);
    if (inserted == 0) {
      return false;
    }
    outbox.append(Topics.PUBLICATIONS, Topics.imageKey(image), event(signature, outcome, now));
    return true;
  }

  private static SpecificRecord event(SignatureCreated signature, Outcome outcome, Instant now) {
    ImageRef image = copy(signature.getImage());
    if (outcome.published()) {
      return SignaturePublished.newBuilder()
          .setEventId(UUID.randomUUID())
          .setRequestId(signature.getRequestId())
          .setOccurredAt(now)
          .setImage(image)
          .setMethod(signature.getMethod())
          .setKeyId(signature.getKeyId())
          .setLocation(outcome.location())
          .setNotaryVersion(
              outcome.notaryVersion() == null ? null : Math.toIntExact(outcome.notaryVersion()))
          .build();
    }
    return PublicationFailed.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(signature.getRequestId())
        .setOccurredAt(now)
        .setImage(image)
        .setMethod(signature.getMethod())
        .setKeyId(signature.getKeyId())
        .setReason(outcome.reason())
        .setAttempts(outcome.attempts())
        .setRetryable(false)
        .build();
  }

  private static ImageRef copy(ImageRef image) {
    return ImageRef.newBuilder(image).build();
  }
}
