package dev.hallmark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs {@code count} numbered tasks: as fast as {@code threads} allow, or paced at a rate. */
final class Workers {
  private Workers() {}

  /** Closed loop: {@code threads} workers take the next index until all are done. */
  static void closedLoop(int count, int threads, IntConsumer task)
      throws InterruptedException, ExecutionException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Open loop: task {@code i} starts at {@code i / rate} seconds after the start, on one of {@code
   * threads} workers; a late start (all workers busy) is not made up by bursts beyond that.
   */
  static void paced(int count, int threads, double rate, IntConsumer task)
      throws InterruptedException, ExecutionException {
    long start = System.nanoTime();
    double intervalNanos = 1e9 / rate;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long due = start + (long) (i * intervalNanos);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int index = i;
        futures.add(pool.submit(() -> task.accept(index)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
