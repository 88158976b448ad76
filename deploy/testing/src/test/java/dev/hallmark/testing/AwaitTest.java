package dev.hallmark.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @Test
  void until_returnsTheFirstAcceptedValue() throws Exception {
    AtomicInteger polls = new AtomicInteger();

    int value =
        Await.until("three polls", Duration.ofSeconds(5), polls::incrementAndGet, n -> n >= 3);

    assertThat(value).isEqualTo(3);
  }

  @Test
  void until_failsAfterTheTimeoutNamingWhatAndTheLastValue() {
    assertThatThrownBy(
            () -> Await.until("the answer", Duration.ofMillis(300), () -> 41, n -> n == 42))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the answer")
        .hasMessageContaining("last seen: 41");
  }

  @Test
  void until_endsTheWaitWhenTheProbeThrows() {
    assertThatThrownBy(
            () ->
                Await.until(
                    "a broken probe",
                    Duration.ofSeconds(30),
                    () -> {
                      throw new IllegalStateException("broken");
                    }))
        .isInstanceOf(IllegalStateException.class);
  }
}
