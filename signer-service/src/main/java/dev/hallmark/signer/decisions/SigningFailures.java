package dev.hallmark.signer.decisions;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Announces that signing failed, one {@link SigningFailed} per image and method this service
 * produces (cosign, notary), so that the request ends FAILED with the reason instead of waiting
 * forever (docs/architecture.md, "Failures are events"). Consumers deduplicate by image, method and
 * key.
 */
@Singleton
public class SigningFailures {
  static final int MAX_REASON = 1000;

  /** The methods a decision is signed with here; a failure for any other would end nothing. */
  static final Set<SigningMethod> PRODUCED = Set.of(SigningMethod.COSIGN, SigningMethod.NOTARY);

  private final Outbox outbox;
  private final Clock clock;

  SigningFailures(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** An approved decision of which nothing could be signed. */
  @Transactional
  public void record(PolicyDecision decision, String reason) {
    for (ImageRef image : decision.getImages()) {
      for (SigningMethod method : decision.getMethods()) {
        if (PRODUCED.contains(method)) {
          append(decision.getRequestId(), image, method, decision.getKeyId(), reason);
        }
      }
    }
  }

  /** Images of a request that one method failed for, all with the same reason. */
  @Transactional
  public void record(
      UUID requestId, List<ImageRef> images, SigningMethod method, String keyId, String reason) {
    for (ImageRef image : images) {
      append(requestId, image, method, keyId, reason);
    }
  }

  private void append(
      UUID requestId, ImageRef image, SigningMethod method, String keyId, String reason) {
    String bounded = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    outbox.append(
        Topics.SIGNATURES,
        Topics.imageKey(image),
        SigningFailed.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(requestId)
            .setOccurredAt(clock.instant())
            .setImage(image)
            .setMethod(method)
            .setKeyId(keyId)
            .setReason(bounded)
            .build());
  }
}
