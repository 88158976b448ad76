package dev.hallmark.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * Numbered requests sent by {@link Workers#closedLoop}, each timed from its start to its good end:
 * what the CI path and the Hallmark Notary phase measure alike.
 *
 * @param completed requests that ended well
 * @param seconds from the first request's start to the last one's end
 * @param latency of the requests that ended well
 * @param problem how many failed and the first reason, or null
 */
record TimedRequests(int completed, double seconds, LatencySummary latency, String problem) {

  /**
   * @param request sends request {@code i}; returns null when it ended well, else why not
   */
  static TimedRequests closedLoop(int count, int threads, IntFunction<String> request)
      throws InterruptedException {
    Queue<Long> latencies = new ConcurrentLinkedQueue<>();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    try {
      Workers.closedLoop(
          count,
          threads,
          i -> {
            long begun = System.nanoTime();
            String outcome = request.apply(i);
            if (outcome == null) {
              latencies.add(System.nanoTime() - begun);
            } else {
              problems.add(outcome);
            }
          });
    } catch (ExecutionException e) {
      problems.add("client failed: " + e.getCause());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String problem =
        problems.isEmpty() ? null : problems.size() + " request(s) failed, e.g. " + problems.peek();
    return new TimedRequests(latencies.size(), seconds, LatencySummary.ofNanos(latencies), problem);
  }
}
