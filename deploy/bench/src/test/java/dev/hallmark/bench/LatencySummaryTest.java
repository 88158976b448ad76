package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
  @Test
  void percentiles_areNearestRank_inMilliseconds() {
    List<Long> nanos = new ArrayList<>();
    for (long ms = 1; ms <= 100; ms++) {
      nanos.add(ms * 1_000_000);
    }
    Collections.shuffle(nanos);

    LatencySummary summary = LatencySummary.ofNanos(nanos);

    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.p50()).isEqualTo(50.0);
    assertThat(summary.p95()).isEqualTo(95.0);
    assertThat(summary.p99()).isEqualTo(99.0);
    assertThat(summary.max()).isEqualTo(100.0);
  }

  @Test
  void aSingleValue_isEveryPercentile() {
    LatencySummary summary = LatencySummary.ofNanos(List.of(2_500_000L));

    assertThat(summary.p50()).isEqualTo(2.5);
    assertThat(summary.p99()).isEqualTo(2.5);
  }

  @Test
  void noValues_giveNaN_notZero() {
    LatencySummary summary = LatencySummary.ofNanos(List.of());

    assertThat(summary.count()).isZero();
    assertThat(summary.p50()).isNaN();
  }

  @Test
  void anArray_isSummarisedUnsorted_andLeftAsItWas() {
    long[] nanos = {4_000_000, 1_000_000, 3_000_000, 2_000_000};

    LatencySummary summary = LatencySummary.ofNanos(nanos);

    assertThat(summary.count()).isEqualTo(4);
    assertThat(summary.p50()).isEqualTo(2.0);
    assertThat(summary.p99()).isEqualTo(4.0);
    assertThat(summary.max()).isEqualTo(4.0);
    assertThat(nanos).containsExactly(4_000_000, 1_000_000, 3_000_000, 2_000_000);
  }
}
