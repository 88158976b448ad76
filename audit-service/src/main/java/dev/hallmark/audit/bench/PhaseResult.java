package dev.hallmark.audit.bench;

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

  Latencies batchLatency() {
    return Latencies.ofNanos(batchNanos);
  }
}
