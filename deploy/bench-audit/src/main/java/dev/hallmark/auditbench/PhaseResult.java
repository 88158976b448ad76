package dev.hallmark.auditbench;

import dev.hallmark.bench.LatencySummary;

/**
 * One timed phase: how many entries went in, the time the timed batches took together, and each
 * batch's latency (call to commit).
 */
record PhaseResult(String name, long entries, long nanos, long[] batchNanos) {

  double perSecond() {
    return nanos > 0 ? entries / (nanos / 1e9) : 0;
  }

  double seconds() {
    return nanos / 1e9;
  }

  LatencySummary batchLatency() {
    return LatencySummary.ofNanos(batchNanos);
  }
}
