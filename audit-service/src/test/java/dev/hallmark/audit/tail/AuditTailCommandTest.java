package dev.hallmark.audit.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTailCommandTest {

  @Test
  void parse_noStart_followsNewEntries() {
    TailOptions options = TailOptions.parse(List.of("--bootstrap-server", "k:9092"));

    assertThat(options.start()).isEqualTo(new TailOptions.Start.End());
    assertThat(options.follow()).isTrue();
    assertThat(options.json()).isFalse();
  }

  @Test
  void parse_fromBeginning_stopsAtTheEndUnlessFollow() {
    assertThat(TailOptions.parse(List.of("--bootstrap-server", "k:9092", "--from-beginning")))
        .isEqualTo(new TailOptions("k:9092", new TailOptions.Start.Beginning(), false, false));
    assertThat(
            TailOptions.parse(
                    List.of("--from-beginning", "--follow", "--json", "--bootstrap-server", "k:1"))
                .follow())
        .isTrue();
  }

  @Test
  void parse_fromSeq_keepsTheSequence() {
    assertThat(
            TailOptions.parse(List.of("--bootstrap-server", "k:9092", "--from-seq", "17")).start())
        .isEqualTo(new TailOptions.Start.FromSequence(17));
  }

  @Test
  void parse_badCommandLines_throwNamingTheOption() {
    assertUsage(List.of(), "--bootstrap-server is required");
    assertUsage(List.of("--bootstrap-server"), "--bootstrap-server needs a value");
    assertUsage(List.of("--bootstrap-server", "--follow"), "--bootstrap-server needs a value");
    assertUsage(List.of("--bootstrap-server", "k:1", "--from-seq", "-1"), "--from-seq must be");
    assertUsage(List.of("--bootstrap-server", "k:1", "--from-seq", "ten"), "--from-seq must be");
    assertUsage(List.of("--bootstrap-server", "k:1", "--from-seq"), "--from-seq needs a value");
    assertUsage(
        List.of("--bootstrap-server", "k:1", "--from-beginning", "--from-seq", "3"),
        "give only one of --from-beginning and --from-seq");
    assertUsage(List.of("--bootstrap-server", "k:1", "--tail"), "unknown option --tail");
  }

  @Test
  void run_badOption_usageOnStderrExit2NothingOnStdout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        AuditTailCommand.run(
            List.of("--bootstrap-server", "k:1", "--from-seq", "x"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--from-seq must be a sequence number (0 or more), not 'x'")
        .contains("usage: AuditTailCommand --bootstrap-server");
  }

  private static void assertUsage(List<String> args, String message) {
    assertThatThrownBy(() -> TailOptions.parse(args))
        .isInstanceOf(TailOptions.UsageException.class)
        .hasMessageContaining(message);
  }
}
