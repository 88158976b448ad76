package dev.hallmark.intake.messaging;

import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.intake.progress.RequestProgress;
import dev.hallmark.intake.progress.TrustedDecisionKeys;
import dev.hallmark.runtime.messaging.RecordContext;
import dev.hallmark.runtime.messaging.RecordListener;
import dev.hallmark.runtime.messaging.UnusableEventException;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.ConsumerGroups;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Follows decisions, signing failures and publications to keep each request's status current.
 *
 * <p>A decision changes a request only if a trusted policy-service key authenticated it ({@link
 * TrustedDecisionKeys}, ADR 0006). One that is not (no, malformed or unknown authenticator, a
 * signature that does not verify: written into the topic by anyone else, or altered) leaves the
 * request as it is and is parked on {@code hallmark.dead-letter.intake-service.v1} with the reason
 * (it names the event id and at most a key id, never key or signature bytes). signer-service
 * refuses the same record and announces it as {@code DecisionRejected}, which audit-service
 * records; intake only keeps it from lying about status.
 */
@Singleton
final class RequestProgressListener implements RecordListener {
  private final TrustedDecisionKeys trusted;
  private final RequestProgress progress;

  RequestProgressListener(TrustedDecisionKeys trusted, RequestProgress progress) {
    this.trusted = trusted;
    this.progress = progress;
  }

  @Override
  public ConsumerGroup group() {
    return ConsumerGroups.INTAKE_PROGRESS;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return Set.of(
        PolicyDecision.class,
        SignatureCreated.class,
        SigningFailed.class,
        DecisionRejected.class,
        SignaturePublished.class,
        PublicationFailed.class);
  }

  @Override
  public void apply(SpecificRecord event, RecordContext context) {
    if (event instanceof PolicyDecision decision) {
      Optional<String> rejection = trusted.rejection(decision);
      if (rejection.isPresent()) {
        throw new UnusableEventException(rejection.get());
      }
      progress.onDecision(decision);
    } else if (event instanceof SignaturePublished published) {
      progress.onPublished(published);
    } else if (event instanceof PublicationFailed failed) {
      progress.onFailed(failed);
    } else if (event instanceof SigningFailed failed) {
      progress.onSigningFailed(failed);
    }
    // SignatureCreated: progress is counted when the signature is published, not when it is made.
    // DecisionRejected: a decision policy-service did not authenticate says nothing true about the
    // request it names, so its status stays as it is (audit-service records the rejection).
  }
}
