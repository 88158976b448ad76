package dev.hallmark.audit.checkpoint;

import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Makes a checkpoint and exports it: the scheduled run and {@code POST /api/v1/audit/checkpoints}.
 * The export follows the commit of the checkpoint; an export that failed is done again by the next
 * run.
 */
@Singleton
public class CheckpointService {
  private final Checkpointer checkpointer;
  private final CheckpointExport export;

  CheckpointService(Checkpointer checkpointer, CheckpointExport export) {
    this.checkpointer = checkpointer;
    this.export = export;
  }

  /**
   * @param evenIfEmpty sign a checkpoint of the empty ledger if there is none yet
   * @return the checkpoint made now or, if the ledger did not grow, the latest; empty if neither
   */
  public Optional<Checkpointer.Outcome> checkpointAndExport(boolean evenIfEmpty) {
    Optional<Checkpointer.Outcome> outcome = checkpointer.checkpoint(evenIfEmpty);
    outcome.ifPresent(made -> export.export(made.checkpoint()));
    return outcome;
  }

  public Optional<Checkpoint> latest() {
    return checkpointer.latest();
  }
}
