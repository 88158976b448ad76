package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotaryBenchOptionsTest {
  @Test
  void noArguments_give50TagsOneClient() {
    assertThat(NotaryBenchOptions.parse(List.of())).isEqualTo(new NotaryBenchOptions(50, 1, 300));
  }

  @Test
  void everyOption_isRead() {
    NotaryBenchOptions options =
        NotaryBenchOptions.parse(
            List.of("--tags", "200", "--concurrency", "4", "--timeout-seconds", "60"));

    assertThat(options).isEqualTo(new NotaryBenchOptions(200, 4, 60));
  }

  @Test
  void unknownOption_isNamed() {
    assertThatThrownBy(() -> NotaryBenchOptions.parse(List.of("--images", "3")))
        .hasMessage("unknown option --images");
  }

  @Test
  void missingValue_isNamed() {
    assertThatThrownBy(() -> NotaryBenchOptions.parse(List.of("--tags")))
        .hasMessage("--tags needs a value");
  }

  @Test
  void outOfRangeValues_areRefusedWithTheirRange() {
    assertThatThrownBy(() -> NotaryBenchOptions.parse(List.of("--tags", "0")))
        .hasMessage("--tags must be an integer from 1 to 10000");
    assertThatThrownBy(() -> NotaryBenchOptions.parse(List.of("--tags", "10001")))
        .hasMessage("--tags must be an integer from 1 to 10000");
    assertThatThrownBy(() -> NotaryBenchOptions.parse(List.of("--concurrency", "many")))
        .hasMessage("--concurrency must be an integer from 1 to 512");
    assertThatThrownBy(() -> NotaryBenchOptions.parse(List.of("--timeout-seconds", "-5")))
        .hasMessage("--timeout-seconds must be an integer from 1 to 86400");
  }

  @Test
  void badOption_exits2WithUsage_withoutTouchingAStack() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    int code =
        NotaryBenchCommand.run(
            List.of("--tags", "x"), new PrintStream(new ByteArrayOutputStream()), errStream);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("stack bench-notary: --tags must be an integer")
        .contains("usage: stack bench-notary [--tags N] [--concurrency C] [--timeout-seconds S]");
  }

  @Test
  void tags_areNumberedFromOne() {
    assertThat(NotaryBenchCommand.tags("hm-abc", 3))
        .containsExactly("hm-abc-1", "hm-abc-2", "hm-abc-3");
  }
}
