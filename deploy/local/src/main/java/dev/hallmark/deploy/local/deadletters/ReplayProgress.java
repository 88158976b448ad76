package dev.hallmark.deploy.local.deadletters;

import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * What has been replayed from one dead-letter partition, as it is committed in the replay's
 * consumer group: every offset below {@link #position()}, and the single offsets at or above it
 * that {@code --offset N} replayed out of order (kept in the commit's metadata). Immutable.
 */
record ReplayProgress(long position, SortedSet<Long> alsoReplayed) {
  private static final String PREFIX = "replayed=";

  /**
   * Kafka keeps at most {@code offset.metadata.max.bytes} (4096 by default) of metadata; a replay
   * that would need more is refused rather than committed in part.
   */
  static final int MAX_METADATA_CHARS = 4000;

  ReplayProgress {
    alsoReplayed = new TreeSet<>(alsoReplayed.tailSet(position));
  }

  /** Nothing replayed yet: the position is where the partition begins. */
  static ReplayProgress startingAt(long beginning) {
    return new ReplayProgress(beginning, new TreeSet<>());
  }

  static ReplayProgress fromCommit(OffsetAndMetadata committed, long beginning) {
    if (committed == null) {
      return startingAt(beginning);
    }
    SortedSet<Long> offsets = new TreeSet<>();
    String metadata = committed.metadata();
    if (metadata != null && metadata.startsWith(PREFIX) && metadata.length() > PREFIX.length()) {
      Arrays.stream(metadata.substring(PREFIX.length()).split(","))
          .map(Long::parseLong)
          .forEach(offsets::add);
    }
    // Records below the log start were deleted by retention; there is nothing to replay there.
    return new ReplayProgress(Math.max(committed.offset(), beginning), offsets);
  }

  boolean replayed(long offset) {
    return offset < position || alsoReplayed.contains(offset);
  }

  /** This progress with {@code offset} replayed too; the position moves over what is contiguous. */
  ReplayProgress with(long offset) {
    SortedSet<Long> offsets = new TreeSet<>(alsoReplayed);
    offsets.add(offset);
    long next = position;
    while (offsets.remove(next)) {
      next++;
    }
    return new ReplayProgress(next, offsets);
  }

  /** This progress with the position moved past {@code offset} (replayed now or before). */
  ReplayProgress passed(long offset) {
    return offset < position ? this : with(offset);
  }

  OffsetAndMetadata toCommit() {
    String metadata =
        alsoReplayed.isEmpty()
            ? ""
            : PREFIX + alsoReplayed.stream().map(String::valueOf).collect(Collectors.joining(","));
    if (metadata.length() > MAX_METADATA_CHARS) {
      throw new IllegalStateException(
          alsoReplayed.size()
              + " dead letters were replayed out of order with --offset; replay them all"
              + " (stack dlt replay SERVICE) so that the progress fits in one commit");
    }
    return new OffsetAndMetadata(position, metadata);
  }
}
