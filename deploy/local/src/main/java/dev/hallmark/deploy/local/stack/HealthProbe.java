package dev.hallmark.deploy.local.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** {@code GET http://127.0.0.1:<port>/health} of a service (Micronaut management endpoint). */
final class HealthProbe {
  /**
   * The top-level status comes first in Micronaut's health JSON: {"name":...,"status":"UP",...}.
   */
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The outcome of one probe, e.g. {@code UP}, {@code DOWN (503)}, {@code unreachable}. */
  record Health(boolean up, String description) {}

  private HealthProbe() {}

  static Health check(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(3))
            .GET()
            .build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return interpret(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Health(false, "unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(false, "interrupted");
    }
  }

  static Health interpret(int statusCode, String body) {
    var matcher = STATUS.matcher(body == null ? "" : body);
    String status = matcher.find() ? matcher.group(1) : "no status";
    boolean up = statusCode == 200 && "UP".equals(status);
    return new Health(up, up ? "UP" : status + " (HTTP " + statusCode + ")");
  }
}
