package dev.hallmark.audit.checkpoint;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a checkpoint every {@code hallmark.audit.checkpoint-interval} when the ledger grew. A
 * ledger that no longer extends its latest checkpoint, or an export that disagrees with it, is
 * logged at ERROR once per distinct problem (and at DEBUG while it lasts); a database outage at
 * WARN. Every instance runs it; a lock makes them take turns.
 */
@Singleton
class CheckpointScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointScheduler.class);
  private final CheckpointService checkpoints;
  private String lastProblem;

  CheckpointScheduler(CheckpointService checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Scheduled(
      fixedDelay = "${hallmark.audit.checkpoint-interval:10s}",
      initialDelay = "${hallmark.audit.checkpoint-interval:10s}")
  void run() {
    try {
      checkpoints.checkpointAndExport(false);
      lastProblem = null;
    } catch (LedgerInconsistentException | ExportMismatchException e) {
      if (!e.getMessage().equals(lastProblem)) {
        LOG.error("no checkpoint: {}", e.getMessage());
        lastProblem = e.getMessage();
      } else {
        LOG.debug("still no checkpoint: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not make or export a checkpoint, will retry: {}", e.toString());
    }
  }
}
