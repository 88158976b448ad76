package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void noArguments_giveTheSmallDefaultRun() {
    BenchOptions options = BenchOptions.parse(List.of());

    assertThat(options.images()).isEqualTo(200);
    assertThat(options.concurrency()).isEqualTo(16);
    assertThat(options.rate()).isZero();
  }

  @Test
  void everyOption_isRead() {
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "--images",
                "5000",
                "--concurrency",
                "32",
                "--rate",
                "12.5",
                "--hsm-seconds",
                "2",
                "--hsm-threads",
                "4",
                "--timeout-seconds",
                "60"));

    assertThat(options).isEqualTo(new BenchOptions(5000, 32, 12.5, 2, 4, 60));
  }

  @Test
  void unknownOption_isNamed() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--pushes", "3")))
        .hasMessage("unknown option --pushes");
  }

  @Test
  void missingValue_isNamed() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--images")))
        .hasMessage("--images needs a value");
  }

  @Test
  void outOfRangeValues_areRefusedWithTheirRange() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--images", "0")))
        .hasMessage("--images must be an integer from 1 to 1000000");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "-1")))
        .hasMessage("--rate must be a positive number");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--concurrency", "many")))
        .hasMessage("--concurrency must be an integer from 1 to 512");
  }
}
