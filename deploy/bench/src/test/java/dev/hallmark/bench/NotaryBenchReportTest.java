package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotaryBenchReportTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static NotaryPhaseResult phase(
      String name, String role, int published, int listed, double seconds, String problem) {
    return new NotaryPhaseResult(
        name,
        role,
        10,
        published,
        listed,
        seconds,
        LatencySummary.ofNanos(List.of(200_000_000L, 300_000_000L)),
        problem);
  }

  private static NotaryBenchReport report(NotaryPhaseResult hallmark) {
    return new NotaryBenchReport(
        new NotaryBenchOptions(10, 2, 300),
        "run1",
        "127.0.0.1:15000/demo/app",
        DIGEST,
        527,
        hallmark,
        phase("notary CLI, publish per tag", "targets", 10, 10, 4.0, null),
        phase("notary CLI, one publish for all", "targets", 10, 10, 1.0, null));
  }

  private static NotaryBenchReport allListed() {
    return report(phase("Hallmark, CI request per tag", "targets/releases", 10, 10, 2.0, null));
  }

  @Test
  void ratio_isHallmarkThroughputOverTheCliPublishingPerTag() {
    NotaryBenchReport report = allListed();

    assertThat(report.hallmark().perSecond()).isEqualTo(5.0);
    assertThat(report.hallmark().millisPerTag()).isEqualTo(200.0);
    assertThat(report.cliPerTag().perSecond()).isEqualTo(2.5);
    assertThat(report.ratio()).isEqualTo(2.0);
  }

  @Test
  void everyTagListed_isComplete() {
    assertThat(allListed().complete()).isTrue();
  }

  @Test
  void aMissingTag_makesTheRunIncomplete() {
    NotaryBenchReport report =
        report(
            phase(
                "Hallmark, CI request per tag",
                "targets/releases",
                10,
                9,
                2.0,
                "1 tag(s) not listed"));

    assertThat(report.complete()).isFalse();
  }

  @Test
  void aFailedPublication_isIncompleteEvenIfItsTagIsListed() {
    NotaryBenchReport report =
        report(
            phase(
                "Hallmark, CI request per tag",
                "targets/releases",
                9,
                10,
                2.0,
                "1 request(s) failed"));

    assertThat(report.complete()).isFalse();
  }

  @Test
  void noPublication_givesZeroRates_notInfinity() {
    NotaryPhaseResult none = phase("x", "targets", 0, 0, 0, "failed");

    assertThat(none.perSecond()).isZero();
    assertThat(none.millisPerTag()).isZero();
    assertThat(report(none).ratio()).isZero();
  }

  @Test
  void withListing_keepsBothProblems() {
    NotaryPhaseResult listed =
        phase("x", "targets", 9, 0, 1.0, "1 publication(s) failed")
            .withListing(new NotaryListing.Verification(9, "1 tag(s) not listed"));

    assertThat(listed.listed()).isEqualTo(9);
    assertThat(listed.problem()).isEqualTo("1 publication(s) failed; 1 tag(s) not listed");
  }

  @Test
  void print_showsEveryPhaseAndTheRatio() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    allListed().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("tags_per_s")
        .contains("ms_per_tag")
        .containsPattern("Hallmark, CI request per tag +10 +10 +10 +2\\.00 +5\\.00 +200\\.0")
        .containsPattern("notary CLI, publish per tag +10 +10 +10 +4\\.00 +2\\.50 +400\\.0")
        .containsPattern("notary CLI, one publish for all +10 +10 +10 +1\\.00 +10\\.00 +100\\.0")
        .contains("ratio 2.00");
  }

  @Test
  void write_givesLatestAndATimeStampedCopy_withTheDocumentedFields(@TempDir Path dir)
      throws Exception {
    Path latest = allListed().write(dir);

    assertThat(latest).isEqualTo(dir.resolve("notary-latest.json"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .hasSize(2)
          .anyMatch(name -> name.matches("notary-\\d{4}-.*\\.json"));
    }
    JsonNode json = new ObjectMapper().readTree(latest.toFile());
    assertThat(json.path("gun").asText()).isEqualTo("127.0.0.1:15000/demo/app");
    assertThat(json.path("digest").asText()).isEqualTo(DIGEST);
    assertThat(json.path("size").asLong()).isEqualTo(527);
    assertThat(json.path("hallmark_per_s").asDouble()).isEqualTo(5.0);
    assertThat(json.path("cli_per_tag_per_s").asDouble()).isEqualTo(2.5);
    assertThat(json.path("cli_batched_per_s").asDouble()).isEqualTo(10.0);
    assertThat(json.path("hallmark_ms_per_tag").asDouble()).isEqualTo(200.0);
    assertThat(json.path("ratio").asDouble()).isEqualTo(2.0);
    assertThat(json.path("complete").asBoolean()).isTrue();
    assertThat(json.path("options").path("concurrency").asInt()).isEqualTo(2);
    assertThat(json.path("phases")).hasSize(3);
    JsonNode first = json.path("phases").path(0);
    assertThat(first.path("role").asText()).isEqualTo("targets/releases");
    assertThat(first.path("listed").asInt()).isEqualTo(10);
    assertThat(first.path("latency_ms").path("p50").asDouble()).isEqualTo(200.0);
    assertThat(first.path("problem").isNull()).isTrue();
  }
}
