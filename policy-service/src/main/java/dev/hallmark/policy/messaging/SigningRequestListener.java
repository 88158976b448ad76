package dev.hallmark.policy.messaging;

import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.decision.DecisionService;
import dev.hallmark.runtime.messaging.RecordContext;
import dev.hallmark.runtime.messaging.RecordListener;
import dev.hallmark.schemas.topics.ConsumerGroup;
import dev.hallmark.schemas.topics.ConsumerGroups;
import jakarta.inject.Singleton;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Has each signing request decided once ({@link DecisionService#decide}: a redelivered request is
 * recognized and not decided twice). Retries and parking are the runtime's (docs/events.md).
 */
@Singleton
final class SigningRequestListener implements RecordListener {
  private final DecisionService decisions;

  SigningRequestListener(DecisionService decisions) {
    this.decisions = decisions;
  }

  @Override
  public ConsumerGroup group() {
    return ConsumerGroups.POLICY;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return Set.of(SigningRequested.class);
  }

  @Override
  public void apply(SpecificRecord event, RecordContext context) {
    decisions.decide((SigningRequested) event);
  }
}
