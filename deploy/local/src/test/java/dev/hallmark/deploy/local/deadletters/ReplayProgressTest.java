package dev.hallmark.deploy.local.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

  @Test
  void fromCommit_none_startsAtTheBeginningWithNothingReplayed() {
    ReplayProgress progress = ReplayProgress.fromCommit(null, 3);

    assertThat(progress.position()).isEqualTo(3);
    assertThat(progress.replayed(3)).isFalse();
  }

  @Test
  void with_outOfOrderOffsets_keepsThemUntilThePositionReachesThem() {
    ReplayProgress progress = ReplayProgress.startingAt(0).with(2).with(4);

    assertThat(progress.position()).isZero();
    assertThat(progress.replayed(2)).isTrue();
    assertThat(progress.replayed(3)).isFalse();

    ReplayProgress caughtUp = progress.with(0).with(1);
    assertThat(caughtUp.position()).isEqualTo(3);
    assertThat(caughtUp.alsoReplayed()).containsExactly(4L);
  }

  @Test
  void toCommit_fromCommit_roundTripsPositionAndSingleOffsets() {
    ReplayProgress progress = ReplayProgress.startingAt(5).with(9).with(12);

    OffsetAndMetadata commit = progress.toCommit();
    ReplayProgress read = ReplayProgress.fromCommit(commit, 0);

    assertThat(commit.offset()).isEqualTo(5);
    assertThat(commit.metadata()).isEqualTo("replayed=9,12");
    assertThat(read).isEqualTo(progress);
  }

  @Test
  void fromCommit_belowTheLogStart_startsAtTheLogStart() {
    ReplayProgress read = ReplayProgress.fromCommit(new OffsetAndMetadata(2, ""), 10);

    assertThat(read.position()).isEqualTo(10);
  }

  @Test
  void passed_anOffsetReplayedBefore_movesThePositionOverIt() {
    ReplayProgress progress = new ReplayProgress(0, new TreeSet<>(java.util.List.of(0L, 1L)));

    assertThat(progress.position()).isZero();
    assertThat(progress.passed(0).position()).isEqualTo(2);
  }

  @Test
  void toCommit_tooManySingleOffsets_isRefused() {
    ReplayProgress progress = ReplayProgress.startingAt(0);
    for (long offset = 1_000_000; offset < 1_000_600; offset++) {
      progress = progress.with(offset);
    }
    ReplayProgress full = progress;

    assertThatThrownBy(full::toCommit).hasMessageContaining("replay them all");
  }
}
