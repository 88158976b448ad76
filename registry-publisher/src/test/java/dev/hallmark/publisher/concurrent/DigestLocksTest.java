package dev.hallmark.publisher.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DigestLocksTest {

  @Test
  void lock_sameKey_isMutuallyExclusiveAndCleansUp() throws Exception {
    DigestLocks locks = new DigestLocks();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 200; i++) {
      pool.submit(
          () -> {
            try (DigestLocks.Held held = locks.lock("r/a@sha256:1")) {
              maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              inside.decrementAndGet();
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(maxInside.get()).isEqualTo(1);
    assertThat(locks.size()).isZero();
  }
}
