package dev.hallmark.intake.request;

import dev.hallmark.events.SigningRequested;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Accepts signing requests: the row and its event are written in one transaction. */
@Singleton
public class SigningRequestService {
  private final SigningRequestRepository requests;
  private final Outbox outbox;
  private final Clock clock;

  SigningRequestService(SigningRequestRepository requests, Outbox outbox, Clock clock) {
    this.requests = requests;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public SigningRequestRow submit(NewSigningRequest request, String submittedBy) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    SigningRequestRow row =
        requests.save(
            new SigningRequestRow(
                id,
                request.project(),
                request.signingPolicy(),
                RequestStatus.RECEIVED.name(),
                submittedBy,
                now,
                now));
    SigningRequested event = SigningRequestEvents.requested(id, request, submittedBy, now);
    outbox.append(Topics.SIGNING_REQUESTS, id.toString(), event);
    return row;
  }

  @Transactional(readOnly = true)
  public Optional<SigningRequestRow> find(UUID id) {
    return requests.findById(id);
  }
}
