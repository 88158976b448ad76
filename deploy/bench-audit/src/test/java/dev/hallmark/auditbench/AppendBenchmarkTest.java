package dev.hallmark.auditbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppendBenchmarkTest {
  static final List<String> DATABASE =
      List.of("--jdbc", "jdbc:postgresql://127.0.0.1:15432/hallmark", "--user", "hallmark");

  @Test
  void parse_onlyTheDatabase_takesTheDocumentedDefaults() {
    AppendBenchOptions options = AppendBenchOptions.parse(DATABASE);

    assertThat(options.entries()).isEqualTo(60_000);
    assertThat(options.batch()).isEqualTo(100);
    assertThat(options.warmup()).isEqualTo(5_000);
    assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.checkpointIntervalSetting()).isEqualTo("10000ms");
  }

  @Test
  void parse_everyOption_isTaken() {
    AppendBenchOptions options =
        AppendBenchOptions.parse(
            concat(
                DATABASE,
                List.of(
                    "--entries",
                    "500",
                    "--batch",
                    "20",
                    "--warmup",
                    "0",
                    "--checkpoint-interval",
                    "750ms")));

    assertThat(options.entries()).isEqualTo(500);
    assertThat(options.batch()).isEqualTo(20);
    assertThat(options.warmup()).isZero();
    assertThat(options.checkpointInterval()).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void parse_badValues_nameTheOption() {
    assertThatThrownBy(() -> AppendBenchOptions.parse(concat(DATABASE, List.of("--batch", "0"))))
        .hasMessage("--batch must be an integer from 1 to 5000");
    assertThatThrownBy(
            () ->
                AppendBenchOptions.parse(concat(DATABASE, List.of("--checkpoint-interval", "10"))))
        .hasMessageStartingWith("--checkpoint-interval must be a duration");
    assertThatThrownBy(() -> AppendBenchOptions.parse(concat(DATABASE, List.of("--entries"))))
        .hasMessage("--entries needs a value");
    assertThatThrownBy(() -> AppendBenchOptions.parse(List.of("--entries", "5")))
        .hasMessage("--jdbc must be a jdbc:postgresql:// URL");
  }

  @Test
  void run_unknownOption_printsUsageNamingItAndExits2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        AppendBenchmark.run(
            concat(DATABASE, List.of("--rows", "5")),
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("stack bench-audit: unknown option --rows")
        .contains("usage: stack bench-audit");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
