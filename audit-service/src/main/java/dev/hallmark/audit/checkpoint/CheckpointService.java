package dev.hallmark.audit.checkpoint;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes a checkpoint and exports it: the scheduled run and {@code POST /api/v1/audit/checkpoints}.
 * The export follows the commit of the checkpoint; an export that failed is done again by the next
 * run. Each checkpoint made is announced as a {@link CheckpointMade} application event.
 */
@Singleton
public class CheckpointService {
  private final Checkpointer checkpointer;
  private final CheckpointExport export;
  private final ApplicationEventPublisher<CheckpointMade> made;

  CheckpointService(
      Checkpointer checkpointer,
      CheckpointExport export,
      ApplicationEventPublisher<CheckpointMade> made) {
    this.checkpointer = checkpointer;
    this.export = export;
    this.made = made;
  }

  /**
   * @param evenIfEmpty sign a checkpoint of the empty ledger if there is none yet
   * @return the checkpoint made now or, if the ledger did not grow, the latest; empty if neither
   */
  public Optional<Checkpointer.Outcome> checkpointAndExport(boolean evenIfEmpty) {
    long started = System.nanoTime();
    Optional<Checkpointer.Outcome> outcome = checkpointer.checkpoint(evenIfEmpty);
    outcome.ifPresent(latest -> export.export(latest.checkpoint()));
    outcome
        .filter(Checkpointer.Outcome::created)
        .ifPresent(
            created ->
                made.publishEvent(
                    new CheckpointMade(
                        created.checkpoint(), Duration.ofNanos(System.nanoTime() - started))));
    return outcome;
  }

  public Optional<Checkpoint> latest() {
    return checkpointer.latest();
  }
}
