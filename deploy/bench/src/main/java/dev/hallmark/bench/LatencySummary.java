package dev.hallmark.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of latencies, by the nearest-rank method (the smallest value with at least
 * p% of the values at or below it), in milliseconds. The one definition every benchmark reports
 * with: {@code stack bench}, {@code bench-notary} and {@code bench-audit} (deploy/bench-audit).
 */
public record LatencySummary(int count, double p50, double p95, double p99, double max) {

  public static LatencySummary ofNanos(Collection<Long> nanos) {
    return ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  /** Does not change {@code nanos}. */
  public static LatencySummary ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.clone();
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
