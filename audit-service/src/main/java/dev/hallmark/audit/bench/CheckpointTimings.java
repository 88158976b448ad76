package dev.hallmark.audit.bench;

import dev.hallmark.audit.checkpoint.CheckpointMade;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the checkpoints audit-service's scheduler makes while the benchmark appends: their tree
 * sizes and how long each took. Exists only in the benchmark's context ({@value #ENABLED}).
 */
@Singleton
@Requires(property = CheckpointTimings.ENABLED, value = "true")
class CheckpointTimings implements ApplicationEventListener<CheckpointMade> {
  static final String ENABLED = "hallmark.audit.bench.enabled";

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
