package dev.hallmark.signer;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * signer-service's events as its integration tests exchange them: decisions in, authenticated as
 * policy-service authenticates them, and the signatures and failures that come out.
 */
public final class SignerEvents {
  public static final Duration WAIT = Duration.ofSeconds(60);

  private SignerEvents() {}

  /** Sends the decision as policy-service would: authenticated with its key. */
  public static void sendDecision(KafkaTestClient kafka, PolicyDecision decision) throws Exception {
    kafka.send(
        Topics.POLICY_DECISIONS.name(),
        decision.getRequestId().toString(),
        TestDecisionKey.sign(decision));
  }

  /** Waits for at least {@code count} signatures of the request. */
  public static List<SignatureCreated> awaitSignatures(
      KafkaTestClient kafka, UUID requestId, int count) throws Exception {
    return kafka.awaitEvents(
        Topics.SIGNATURES.name(),
        SignatureCreated.class,
        signature -> signature.getRequestId().equals(requestId),
        count,
        WAIT);
  }

  /** Waits for at least {@code count} signing failures of the request. */
  public static List<SigningFailed> awaitFailures(KafkaTestClient kafka, UUID requestId, int count)
      throws Exception {
    return kafka.awaitEvents(
        Topics.SIGNATURES.name(),
        SigningFailed.class,
        failure -> failure.getRequestId().equals(requestId),
        count,
        WAIT);
  }
}
