package dev.hallmark.runtime.messaging;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.topics.ConsumerGroup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;

/** A batch listener that fails every batch holding the project "poison"; records the rest. */
final class PoisonedBatchListener implements BatchListener {
  /** Projects applied, in order; safe to read from the test thread while the loop runs. */
  final List<String> applied = new CopyOnWriteArrayList<>();

  private final ConsumerGroup group;

  PoisonedBatchListener(ConsumerGroup group) {
    this.group = group;
  }

  @Override
  public ConsumerGroup group() {
    return group;
  }

  @Override
  public Set<Class<? extends SpecificRecord>> eventTypes() {
    return Set.of(PolicyDecision.class);
  }

  @Override
  public void apply(List<ConsumedEvent> events) {
    List<String> projects =
        events.stream().map(e -> ((PolicyDecision) e.event()).getProject()).toList();
    if (projects.contains("poison")) {
      throw new IllegalStateException("constraint violated by poison");
    }
    applied.addAll(projects);
  }
}
