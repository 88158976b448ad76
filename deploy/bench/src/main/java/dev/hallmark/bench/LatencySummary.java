package dev.hallmark.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of latencies, by the nearest-rank method (the smallest value with at least
 * p% of the values at or below it), in milliseconds.
 */
record LatencySummary(int count, double p50, double p95, double p99, double max) {

  static LatencySummary ofNanos(Collection<Long> nanos) {
    if (nanos.isEmpty()) {
      return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new LatencySummary(
        sorted.length,
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 95)),
        millis(percentile(sorted, 99)),
        millis(sorted[sorted.length - 1]));
  }

  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
