package dev.hallmark.intake.request;

import dev.hallmark.events.SigningRequested;
import dev.hallmark.runtime.http.TokenHash;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Accepts signing requests. The request, its images, the idempotency or webhook-delivery record and
 * the {@link SigningRequested} outbox row are written in one transaction.
 */
@Singleton
public class SigningRequestService {
  private final SigningRequestRepository requests;
  private final ImageRepository images;
  private final IdempotencyKeyRepository idempotencyKeys;
  private final WebhookDeliveryRepository deliveries;
  private final OutcomeRepository outcomes;
  private final Outbox outbox;
  private final Clock clock;

  SigningRequestService(
      SigningRequestRepository requests,
      ImageRepository images,
      IdempotencyKeyRepository idempotencyKeys,
      WebhookDeliveryRepository deliveries,
      OutcomeRepository outcomes,
      Outbox outbox,
      Clock clock) {
    this.requests = requests;
    this.images = images;
    this.idempotencyKeys = idempotencyKeys;
    this.deliveries = deliveries;
    this.outcomes = outcomes;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Accepts a CI submission. With an idempotency key, a retried identical submission returns the
   * request the first one created, even if a tag moved in between.
   *
   * @param submitted the submission as the client sent it (what the idempotency key covers)
   * @param request the same with tags resolved to digests
   * @throws IdempotencyConflictException if the key was used for a different submission
   */
  @Transactional
  public SigningRequestRow submit(
      NewSigningRequest submitted,
      NewSigningRequest request,
      RequestSubmitter submitter,
      @Nullable String idempotencyKey) {
    UUID id = UUID.randomUUID();
    if (idempotencyKey != null) {
      String owner = request.project() + "/" + submitter.name();
      // The validated request is a record: equal submissions have equal string forms.
      String hash = TokenHash.sha256Hex(submitted.toString());
      if (idempotencyKeys.claim(owner, idempotencyKey, id, hash, clock.instant()) == 0) {
        IdempotencyKeyRepository.ClaimedKey claimed =
            idempotencyKeys.find(owner, idempotencyKey).orElseThrow();
        if (!claimed.requestSha256().equals(hash)) {
          throw new IdempotencyConflictException();
        }
        return requests.findById(claimed.requestId()).orElseThrow();
      }
    }
    return create(id, request, submitter, null);
  }

  /**
   * Accepts a registry push; a redelivered notification (same event id) creates nothing.
   *
   * @return the new request, or empty for a redelivery
   */
  @Transactional
  public Optional<SigningRequestRow> submitPush(
      NewSigningRequest request, RequestSubmitter submitter, String deliveryId) {
    UUID id = UUID.randomUUID();
    if (deliveries.recordOnce(deliveryId, clock.instant(), id) == 0) {
      return Optional.empty();
    }
    return Optional.of(create(id, request, submitter, deliveryId));
  }

  @Transactional(readOnly = true)
  public Optional<SigningRequestRow> find(UUID id) {
    return requests.findById(id);
  }

  @Transactional(readOnly = true)
  public List<ImageRow> imagesOf(UUID id) {
    return images.findByRequestIdOrderByPosition(id);
  }

  /** How each signing method ended for the request, as far as it has. */
  @Transactional(readOnly = true)
  public List<OutcomeRow> outcomesOf(UUID id) {
    return outcomes.findByRequest(id);
  }

  private SigningRequestRow create(
      UUID id, NewSigningRequest request, RequestSubmitter submitter, String deliveryId) {
    Instant now = clock.instant();
    SigningRequestRow row =
        requests.save(
            new SigningRequestRow(
                id,
                request.project(),
                request.signingPolicy(),
                RequestStatus.RECEIVED.name(),
                submitter.name(),
                submitter.kind().name(),
                null,
                null,
                now,
                now,
                null,
                null));
    List<NewSigningRequest.Image> requested = request.images();
    images.saveAll(
        IntStream.range(0, requested.size())
            .mapToObj(
                i ->
                    new ImageRow(
                        null,
                        id,
                        i,
                        requested.get(i).registry(),
                        requested.get(i).repository(),
                        requested.get(i).digest(),
                        String.join(",", requested.get(i).tags())))
            .toList());
    SigningRequested event =
        SigningRequestEvents.requested(id, request, submitter, deliveryId, now);
    outbox.append(Topics.SIGNING_REQUESTS, id.toString(), event);
    return row;
  }
}
