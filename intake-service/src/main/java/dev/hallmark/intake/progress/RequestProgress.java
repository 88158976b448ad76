package dev.hallmark.intake.progress;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.intake.request.OutcomeRepository;
import dev.hallmark.intake.request.OutcomeRow;
import dev.hallmark.intake.request.RequestStatus;
import dev.hallmark.intake.request.SigningRequestRepository;
import dev.hallmark.intake.request.SigningRequestRow;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances a request's status from the events of later stages. Events of one request arrive on
 * different topics in any order and possibly twice, so every step is idempotent, moves only
 * forward, and the request row is locked while it changes. The one step out of a final status is
 * FAILED to COMPLETED, when a re-driven publication succeeds.
 */
@Singleton
public class RequestProgress {
  private static final Logger LOG = LoggerFactory.getLogger(RequestProgress.class);
  static final Set<RequestStatus> TERMINAL =
      EnumSet.of(RequestStatus.DENIED, RequestStatus.COMPLETED, RequestStatus.FAILED);

  private final SigningRequestRepository requests;
  private final OutcomeRepository outcomes;
  private final Clock clock;

  RequestProgress(SigningRequestRepository requests, OutcomeRepository outcomes, Clock clock) {
    this.requests = requests;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  @Transactional
  public void onDecision(PolicyDecision decision) {
    UUID id = decision.getRequestId();
    SigningRequestRow row = requests.lockById(id).orElse(null);
    if (row == null) {
      LOG.warn("decision for unknown request {}", id);
      return;
    }
    RequestStatus status = row.statusValue();
    requests.updateDecidedBy(
        id,
        decision.getPolicyVersion(),
        decision.getApprovers().isEmpty() ? null : String.join(", ", decision.getApprovers()));
    switch (decision.getOutcome()) {
      case APPROVED -> {
        int expected = decision.getImages().size() * decision.getMethods().size();
        requests.updateExpectedSignatures(id, expected, clock.instant());
        if (status == RequestStatus.RECEIVED || status == RequestStatus.PENDING_APPROVAL) {
          requests.updateStatus(id, RequestStatus.SIGNING.name(), null, clock.instant());
        }
        completeIfDone(id);
      }
      case DENIED -> {
        if (!TERMINAL.contains(status)) {
          requests.updateStatus(
              id, RequestStatus.DENIED.name(), decision.getReason(), clock.instant());
        }
      }
      case PENDING_APPROVAL -> {
        if (status == RequestStatus.RECEIVED) {
          // The reason says what it waits for ("waiting for 2 approvals from group release ...");
          // the final decision, APPROVED or DENIED, follows on the same partition.
          requests.updateStatus(
              id, RequestStatus.PENDING_APPROVAL.name(), decision.getReason(), clock.instant());
        }
      }
      default -> LOG.warn("decision {} with unknown outcome", decision.getEventId());
    }
  }

  @Transactional
  public void onPublished(SignaturePublished published) {
    UUID id = published.getRequestId();
    if (requests.lockById(id).isEmpty()) {
      LOG.warn("publication for unknown request {}", id);
      return;
    }
    outcomes.upsertPublished(
        new OutcomeRow(
            id,
            published.getImage().getRegistry(),
            published.getImage().getRepository(),
            published.getImage().getDigest(),
            published.getMethod().name(),
            published.getKeyId(),
            published.getLocation(),
            null,
            published.getOccurredAt()));
    completeIfDone(id);
  }

  @Transactional
  public void onFailed(PublicationFailed failed) {
    fail(
        failed.getRequestId(),
        failed.getImage(),
        failed.getMethod().name(),
        failed.getKeyId(),
        "publishing to ",
        failed.getReason(),
        failed.getOccurredAt());
  }

  @Transactional
  public void onSigningFailed(SigningFailed failed) {
    fail(
        failed.getRequestId(),
        failed.getImage(),
        failed.getMethod().name(),
        failed.getKeyId(),
        "signing ",
        failed.getReason(),
        failed.getOccurredAt());
  }

  /** Records a failed image and ends the request FAILED, unless it already ended. */
  private void fail(
      UUID id,
      ImageRef image,
      String method,
      String keyId,
      String stage,
      String reason,
      Instant occurredAt) {
    SigningRequestRow row = requests.lockById(id).orElse(null);
    if (row == null) {
      LOG.warn("failure for unknown request {}", id);
      return;
    }
    outcomes.insertOnce(
        new OutcomeRow(
            id,
            image.getRegistry(),
            image.getRepository(),
            image.getDigest(),
            method,
            keyId == null ? "" : keyId,
            null,
            reason,
            occurredAt));
    if (!TERMINAL.contains(row.statusValue())) {
      String why = stage + image.getRegistry() + "/" + image.getRepository() + " failed: " + reason;
      requests.updateStatus(id, RequestStatus.FAILED.name(), why, clock.instant());
    }
  }

  /**
   * COMPLETED once every expected signature (images x approved methods) is published. A request
   * FAILED by a publication completes too when an operator re-drove that publication and it was
   * published: a published signature replaces the failure ({@code upsertPublished}). One FAILED by
   * signing never gets there, as the signature it lacks is never published.
   */
  private void completeIfDone(UUID id) {
    SigningRequestRow row = requests.findById(id).orElseThrow();
    if ((row.statusValue() == RequestStatus.SIGNING || row.statusValue() == RequestStatus.FAILED)
        && row.expectedSignatures() != null
        && outcomes.countPublished(id) >= row.expectedSignatures()) {
      requests.updateStatus(id, RequestStatus.COMPLETED.name(), null, clock.instant());
    }
  }
}
