package dev.hallmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@link BenchReport} and {@link NotaryBenchReport} write alike: a document stamped with the
 * time, numbers rounded to the report's precision, latency objects, and the files, a latest one
 * that tools read plus a copy named after the time that later runs leave alone.
 */
final class ResultJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final double scale;

  /**
   * @param decimals how many a rounded number keeps: what a report's smallest figures need
   */
  ResultJson(int decimals) {
    // Exact for small powers of ten, so the rounding is the same as with a literal 10.0 or 100.0.
    this.scale = Math.pow(10, decimals);
  }

  /** A new document whose first field is the time it was made. */
  ObjectNode root() {
    ObjectNode root = JSON.createObjectNode();
    root.put("time", Instant.now().toString());
    return root;
  }

  /** Rounded to this precision; 0 for NaN and infinities, which JSON cannot hold. */
  double round(double value) {
    return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
  }

  /** Ratios keep three decimals whatever a report's precision. */
  static double ratio(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  ObjectNode latency(LatencySummary summary) {
    ObjectNode node = JSON.createObjectNode();
    node.put("count", summary.count());
    node.put("p50", round(summary.p50()));
    node.put("p95", round(summary.p95()));
    node.put("p99", round(summary.p99()));
    node.put("max", round(summary.max()));
    return node;
  }

  /**
   * Writes {@code json} to {@code latestName} and to {@code <copyPrefix><time>.json}, in {@code
   * dir}.
   *
   * @return the latest file
   */
  static Path write(Path dir, String latestName, String copyPrefix, JsonNode json)
      throws IOException {
    Files.createDirectories(dir);
    String text = JSON.writeValueAsString(json) + "\n";
    Path latest = dir.resolve(latestName);
    Files.writeString(latest, text);
    Files.writeString(
        dir.resolve(copyPrefix + Instant.now().toString().replace(':', '-') + ".json"), text);
    return latest;
  }
}
