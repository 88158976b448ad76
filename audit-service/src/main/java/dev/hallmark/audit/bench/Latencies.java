package dev.hallmark.audit.bench;

import java.util.Arrays;

/**
 * Percentiles of measured durations by the nearest-rank method (the smallest value with at least p%
 * of the values at or below it), in milliseconds; the same definition as {@code stack bench}.
 */
record Latencies(int count, double p50, double p95, double p99, double max) {

  static Latencies ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(
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
