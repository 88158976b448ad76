package dev.hallmark.deploy.local.operations;

import dev.hallmark.deploy.local.infrastructure.HallmarkHome;
import dev.hallmark.deploy.local.stack.StackEnvFile;
import dev.hallmark.deploy.local.stack.StackLayout;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code deploy/local/stack redrive REQUEST_ID}: asks registry-publisher to publish a FAILED
 * request's signatures again ({@code POST /api/v1/publications/{requestId}/redrive}) with the admin
 * token. Where and with which token come from {@code .local-stack/stack.env} ({@code
 * HALLMARK_PUBLISHER_URL}, {@code HALLMARK_ADMIN_TOKEN}); the same variables in the environment
 * win, to re-drive on another deployment. Exit 0 when accepted, 1 when refused (the problem's
 * detail is printed), 2 for bad usage.
 */
public final class RedriveCommand {
  static final String USAGE = "usage: deploy/local/stack redrive REQUEST_ID";
  static final String URL = "HALLMARK_PUBLISHER_URL";
  static final String TOKEN = "HALLMARK_ADMIN_TOKEN";

  private RedriveCommand() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), settings(System.getenv()), System.out, System.err));
  }

  /** stack.env, overridden by the environment. */
  static Map<String, String> settings(Map<String, String> environment) {
    Map<String, String> settings = new HashMap<>();
    Path stackEnv = StackLayout.of(HallmarkHome.locate(), environment).stackEnv();
    if (Files.isRegularFile(stackEnv)) {
      settings.putAll(StackEnvFile.read(stackEnv));
    }
    for (String name : List.of(URL, TOKEN)) {
      if (environment.containsKey(name)) {
        settings.put(name, environment.get(name));
      }
    }
    return settings;
  }

  static int run(
      List<String> args, Map<String, String> settings, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println(USAGE);
      return 2;
    }
    UUID requestId;
    try {
      requestId = UUID.fromString(args.get(0));
    } catch (IllegalArgumentException e) {
      err.println("not a request id: " + args.get(0) + "\n" + USAGE);
      return 2;
    }
    String url = settings.get(URL);
    String token = settings.get(TOKEN);
    if (url == null || token == null) {
      err.println(
          "stack redrive needs "
              + URL
              + " and "
              + TOKEN
              + " (in .local-stack/stack.env after deploy/local/stack up, or the environment)");
      return 2;
    }
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(url + "/api/v1/publications/" + requestId + "/redrive"))
                      .header("Authorization", "Bearer " + token)
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      err.println("registry-publisher at " + url + " did not answer: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (response.statusCode() == 202) {
      out.println("re-driven: " + response.body());
      return 0;
    }
    // The problem body never holds the token: the service does not repeat credentials.
    err.println("re-drive refused (HTTP " + response.statusCode() + "): " + response.body());
    return 1;
  }
}
