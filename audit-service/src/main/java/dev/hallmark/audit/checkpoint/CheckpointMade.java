package dev.hallmark.audit.checkpoint;

import java.time.Duration;

/**
 * Published in the application (not on Kafka) after a new checkpoint was signed and exported, for
 * whoever observes the service from inside its process: the append benchmark times the scheduled
 * checkpoints with it.
 *
 * @param took from the start of the attempt to the end of the export: lock, tree sync, consistency
 *     check, signing, the row and its event, the export
 */
public record CheckpointMade(Checkpoint checkpoint, Duration took) {}
