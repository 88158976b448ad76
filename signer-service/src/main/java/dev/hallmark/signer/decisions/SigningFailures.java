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
import java.util.UUID;

/**
 * Announces that an approved decision could not be signed, one {@link SigningFailed} per image and
 * cosign method, so that the request ends FAILED with the reason instead of waiting forever
 * (ARCHITECTURE.md: failures are events too). Consumers deduplicate by image, method and key.
 */
@Singleton
public class SigningFailures {
  static final int MAX_REASON = 1000;
  private final Outbox outbox;
  private final Clock clock;

  SigningFailures(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public void record(PolicyDecision decision, String reason) {
    String bounded = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    for (ImageRef image : decision.getImages()) {
      for (SigningMethod method : decision.getMethods()) {
        if (method != SigningMethod.COSIGN) {
          continue;
        }
        outbox.append(
            Topics.SIGNATURES,
            Topics.imageKey(image),
            SigningFailed.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRequestId(decision.getRequestId())
                .setOccurredAt(clock.instant())
                .setImage(image)
                .setMethod(method)
                .setKeyId(decision.getKeyId())
                .setReason(bounded)
                .build());
      }
    }
  }
}
