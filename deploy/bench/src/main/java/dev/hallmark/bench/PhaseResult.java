package dev.hallmark.bench;

/**
 * What one phase measured.
 *
 * @param name the phase, for the table
 * @param attempted items started (pushes, requests, signatures)
 * @param completed items that ended as they should (signature visible, request COMPLETED)
 * @param seconds from the first item's start to the last item's end
 * @param offeredPerSecond the offered rate of a paced phase, or 0 for a closed loop
 * @param latency per-item latency; count 0 where the phase does not time items
 * @param problem why items did not complete, or null
 */
record PhaseResult(
    String name,
    int attempted,
    int completed,
    double seconds,
    double offeredPerSecond,
    LatencySummary latency,
    String problem) {

  /** Sustained throughput: completed items per second. */
  double perSecond() {
    return seconds > 0 ? completed / seconds : 0;
  }

  boolean complete() {
    return completed == attempted && problem == null;
  }
}
