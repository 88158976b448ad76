package dev.hallmark.auditbench;

import dev.hallmark.audit.checkpoint.CheckpointMade;
import io.micronaut.context.event.ApplicationEventListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the checkpoints audit-service's scheduler makes while the benchmark appends: their tree
 * sizes and how long each took. The benchmark registers it in its context ({@link
 * ContextWithoutRelay}); audit-service itself knows nothing of it.
 */
final class CheckpointTimings implements ApplicationEventListener<CheckpointMade> {

  /** One checkpoint, and when it was made on the benchmark's clock ({@link System#nanoTime()}). */
  record Made(long treeSize, long nanos, long at) {}

  private final List<Made> made = new ArrayList<>();

  @Override
  public synchronized void onApplicationEvent(CheckpointMade event) {
    made.add(new Made(event.checkpoint().treeSize(), event.took().toNanos(), System.nanoTime()));
  }

  /** Those made from {@code from} to {@code to} ({@link System#nanoTime()}). */
  synchronized List<Made> between(long from, long to) {
    return made.stream().filter(m -> m.at() >= from && m.at() <= to).toList();
  }
}
