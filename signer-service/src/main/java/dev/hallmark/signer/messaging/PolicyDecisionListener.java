package dev.hallmark.signer.messaging;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.runtime.messaging.RecordContext;
import dev.hallmark.runtime.messaging.RecordListener;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.ConsumerGroups;
import dev.hallmark.signer.decisions.DecisionRejections;
import dev.hallmark.signer.decisions.DecisionSigning;
import dev.hallmark.signer.decisions.InvalidDecisionException;
import dev.hallmark.signer.decisions.SigningFailures;
import dev.hallmark.signer.decisions.TrustedDecisionKeys;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes policy decisions and has each signed, if it is authentic.
 *
 * <ul>
 *   <li>Before anything else, every decision must be authenticated by a trusted policy-service key
 *       ({@link TrustedDecisionKeys}); one that is not is not signed and is announced once as
 *       {@code DecisionRejected} ({@link DecisionRejections}).
 *   <li>An approved decision that can never be signed ({@link InvalidDecisionException}) ends its
 *       request at once with {@code SigningFailed} ({@link SigningFailures}).
 *   <li>Any other failure (key not configured, HSM failing, database down) is retried by the
 *       runtime ({@code hallmark.kafka.retry.*}); after the last attempt the request ends with
 *       {@code SigningFailed} naming the last failure. A forged decision is never failed that way
 *       (that would end the request it names): it is parked.
 * </ul>
 *
 * A redelivered decision is recognized by {@link DecisionSigning} and not signed twice.
 */
@Singleton
final class PolicyDecisionListener implements RecordListener {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyDecisionListener.class);
  private final TrustedDecisionKeys trusted;
  private final DecisionRejections rejections;
  private final DecisionSigning signing;
  private final SigningFailures failures;

  PolicyDecisionListener(
      TrustedDecisionKeys trusted,
      DecisionRejections rejections,
      DecisionSigning signing,
      SigningFailures failures) {
    this.trusted = trusted;
    this.rejections = rejections;
    this.signing = signing;
    this.failures = failures;
  }

  @Override
  public ConsumerGroup group() {
    return ConsumerGroups.SIGNER;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return Set.of(PolicyDecision.class);
  }

  @Override
  public void apply(SpecificRecord event, RecordContext context) {
    PolicyDecision decision = (PolicyDecision) event;
    Optional<String> rejection = trusted.rejection(decision);
    if (rejection.isPresent()) {
      if (rejections.record(decision, rejection.get())) {
        LOG.warn("refused {}: {}", context, rejection.get());
      }
      return;
    }
    try {
      signing.sign(decision);
    } catch (InvalidDecisionException e) {
      LOG.error("cannot sign {}: {}", context, e.getMessage());
      failures.record(decision, e.getMessage());
    }
  }

  @Override
  public boolean settleAfterLastAttempt(
      SpecificRecord event, RecordContext context, RuntimeException lastFailure) {
    PolicyDecision decision = (PolicyDecision) event;
    if (trusted.rejection(decision).isPresent()) {
      return false;
    }
    String reason =
        "not signed after retries: "
            + lastFailure.getClass().getSimpleName()
            + ": "
            + lastFailure.getMessage();
    failures.record(decision, reason);
    LOG.error("gave up on {}: {}", context, reason);
    return true;
  }
}
