package dev.hallmark.publisher.concurrent;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs tasks on a bounded pool so that tasks with different keys run in parallel and tasks with the
 * same key run one after the other, in submission order (each is chained to the previous task of
 * its key). Used to publish signatures of different digests in parallel while keeping each digest's
 * signatures in topic order.
 */
public final class KeyedExecutor implements AutoCloseable {
  private final ExecutorService pool;
  private final Map<String, CompletableFuture<?>> tails = new HashMap<>();

  public KeyedExecutor(int threads, String name) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  /** Runs {@code task} after every task submitted before with the same key has finished. */
  public <T> CompletableFuture<T> submit(String key, Supplier<T> task) {
    synchronized (tails) {
      CompletableFuture<?> previous =
          tails.getOrDefault(key, CompletableFuture.completedFuture(null));
      // handle(): the next task of the key runs whether the previous one failed or not.
      CompletableFuture<T> next =
          previous.handle((ignored, error) -> null).thenApplyAsync(x -> task.get(), pool);
      tails.put(key, next);
      next.whenComplete(
          (ignored, error) -> {
            synchronized (tails) {
              tails.remove(key, next);
            }
          });
      return next;
    }
  }

  /** Keys with queued or running tasks (for tests and metrics). */
  public int activeKeys() {
    synchronized (tails) {
      return tails.size();
    }
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
