package dev.hallmark.publisher.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {

  @Test
  void submit_sameKey_runsInSubmissionOrderOneAtATime() {
    try (KeyedExecutor executor = new KeyedExecutor(4, "test")) {
      List<Integer> order = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        futures.add(
            executor.submit(
                "digest-a",
                () -> {
                  order.add(n);
                  return n;
                }));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

      assertThat(order).isSorted().hasSize(50);
    }
  }

  @Test
  void submit_differentKeys_runInParallel() throws Exception {
    try (KeyedExecutor executor = new KeyedExecutor(2, "test")) {
      CountDownLatch bothRunning = new CountDownLatch(2);
      CompletableFuture<Boolean> a = executor.submit("a", () -> awaitBoth(bothRunning));
      CompletableFuture<Boolean> b = executor.submit("b", () -> awaitBoth(bothRunning));

      assertThat(a.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(b.get(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void submit_failedTask_doesNotBlockTheNextOfItsKey() throws Exception {
    try (KeyedExecutor executor = new KeyedExecutor(1, "test")) {
      CompletableFuture<Object> failed =
          executor.submit(
              "k",
              () -> {
                throw new IllegalStateException("boom");
              });
      CompletableFuture<String> next = executor.submit("k", () -> "ran");

      assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
      assertThat(failed).isCompletedExceptionally();
      Thread.sleep(50);
      assertThat(executor.activeKeys()).isZero();
    }
  }

  private static boolean awaitBoth(CountDownLatch latch) {
    latch.countDown();
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
