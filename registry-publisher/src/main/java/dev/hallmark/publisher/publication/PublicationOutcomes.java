package dev.hallmark.publisher.publication;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningMethod;
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
 * Ends a pending publication, or schedules its next attempt. An end changes the row and appends its
 * outcome event ({@code SignaturePublished} or {@code PublicationFailed}, key {@link
 * Topics#imageKey}) to the outbox in one transaction, and only while the row is still pending, so
 * an outcome is announced once even if two instances attempted the row.
 */
@Singleton
public class PublicationOutcomes {
  private final PublicationRepository publications;
  private final TargetHealth targets;
  private final Outbox outbox;
  private final RetrySettings retry;
  private final Clock clock;

  PublicationOutcomes(
      PublicationRepository publications,
      TargetHealth targets,
      Outbox outbox,
      RetrySettings retry,
      Clock clock) {
    this.publications = publications;
    this.targets = targets;
    this.outbox = outbox;
    this.retry = retry;
    this.clock = clock;
  }

  /**
   * @param image the image as the signature event names it (with its tags)
   * @return true if ended and announced now; false if the row was not pending any more
   */
  @Transactional
  public boolean finish(PublicationRow row, ImageRef image, Outcome outcome) {
    Instant now = now();
    int ended =
        publications.finish(
            row.id(),
            outcome.published() ? PublicationRow.PUBLISHED : PublicationRow.FAILED,
            outcome.location(),
            outcome.reason(),
            outcome.attempts(),
            now);
    if (ended == 0) {
      return false;
    }
    outbox.append(Topics.PUBLICATIONS, Topics.imageKey(image), event(row, image, outcome, now));
    return true;
  }

  /**
   * Schedules the row's next attempt after the backoff for {@code attempts} failed attempts; when
   * the target is down, its other rows wait until then too.
   *
   * @return when the next attempt is due
   */
  @Transactional
  public Instant retryLater(PublicationRow row, int attempts, Attempt.Retry failure) {
    Instant next = now().plus(retry.backoffAfter(attempts));
    publications.reschedule(row.id(), attempts, Outcome.shortened(failure.reason()), next);
    if (failure.targetDown()) {
      targets.down(row.target(), next);
    }
    return next;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static SpecificRecord event(
      PublicationRow row, ImageRef image, Outcome outcome, Instant now) {
    SigningMethod method = SigningMethod.valueOf(row.method());
    if (outcome.published()) {
      return SignaturePublished.newBuilder()
          .setEventId(UUID.randomUUID())
          .setRequestId(row.requestId())
          .setOccurredAt(now)
          .setImage(ImageRef.newBuilder(image).build())
          .setMethod(method)
          .setKeyId(row.keyId())
          .setLocation(outcome.location())
          .setNotaryVersion(
              outcome.notaryVersion() == null ? null : Math.toIntExact(outcome.notaryVersion()))
          .build();
    }
    return PublicationFailed.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(row.requestId())
        .setOccurredAt(now)
        .setImage(ImageRef.newBuilder(image).build())
        .setMethod(method)
        .setKeyId(row.keyId())
        .setReason(outcome.reason())
        .setAttempts(outcome.attempts())
        .setRetryable(false)
        .build();
  }
}
