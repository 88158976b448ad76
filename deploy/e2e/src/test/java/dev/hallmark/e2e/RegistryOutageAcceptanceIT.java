package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import dev.hallmark.deploy.local.infrastructure.TempDirectories;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.PublicKeys;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.StackSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14's "outages of minutes, not seconds" on a whole {@code stack up}: next to the stack's
 * registry runs a second one, and a project made through policy-service's admin API signs images in
 * both. The stack's registry is killed (SIGKILL) for {@code -Dhallmark.test.outage} (default {@code
 * 45s}; e.g. {@code 10m}) while CI requests for images pushed to both before the outage keep
 * arriving ({@code -Dhallmark.test.outage-requests} per registry, default 6). Requests for the
 * second registry complete during the outage; those for the stopped one never end FAILED; once
 * {@code stack up} has restarted the registry on its port with its storage, every request ends
 * COMPLETED with exactly one signature layer in its {@code .sig} manifest. The numbers are printed
 * as {@code registry-outage} lines. A 10-minute outage outlasts the e2e fork's default bound of 15
 * minutes with the stack's start: raise it with {@code -Dhallmark.e2e.fork-timeout=2400}
 * (DEVELOPMENT.md has the command).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryOutageAcceptanceIT {
  static final Duration OUTAGE = duration(System.getProperty("hallmark.test.outage", "45s"));
  static final int REQUESTS_PER_REGISTRY = Integer.getInteger("hallmark.test.outage-requests", 6);

  /**
   * The publisher's longest wait between two probes of a registry that is down (the service's
   * default is 30 s), so that the test does not wait out a long backoff after the restart.
   */
  static final String MAX_BACKOFF = "5s";

  /** From the restart until every request of the stopped registry is COMPLETED, at most. */
  static final Duration DRAIN_WITHIN = Duration.ofMinutes(3);

  static final String PROJECT = "outage";
  static final String CI_TOKEN = "outage-ci-" + UUID.randomUUID();
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");

  StackSession stack;
  RegistryServer healthy;
  Path healthyDir;
  String stopped;

  @BeforeAll
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void up() throws Exception {
    healthyDir = Files.createTempDirectory("hallmark-e2e-second-registry");
    healthy =
        RegistryServer.start(
            RegistryServer.Settings.forTests(healthyDir.resolve("registry"), healthyDir));
    stack =
        StackSession.upWith(
            Map.of("HALLMARK_PUBLISHER_RETRY_MAX_BACKOFF", MAX_BACKOFF), "--no-demo");
    stopped = stack.env("HALLMARK_REGISTRY");
    HttpResponse<String> created =
        stack.send(
            "PUT",
            stack.env("HALLMARK_POLICY_URL") + "/api/v1/admin/projects/" + PROJECT,
            stack.env("HALLMARK_ADMIN_TOKEN"),
            project());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String anyRequest =
        stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests/" + UUID.randomUUID();
    Await.until(
        "intake knows the project's CI token",
        Duration.ofSeconds(60),
        () -> stack.get(anyRequest, CI_TOKEN).statusCode() != 401);
  }

  @AfterAll
  void down() throws Exception {
    try {
      if (stack != null) {
        stack.down();
      }
    } finally {
      if (healthy != null) {
        healthy.close();
        TempDirectories.deleteTree(healthyDir);
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES) // every wait below is bounded on its own
  void registryDown_otherRegistryKeepsCompleting_everyRequestCompletesOnceAfterRestart()
      throws Exception {
    List<PushedImage> toHealthy = push(healthy.hostPort());
    List<PushedImage> toStopped = push(stopped);
    // Both registries take a signature before the outage: the project and the pipeline work.
    stack.awaitStatus(submit(push(healthy.hostPort(), "warm-up")), CI_TOKEN, "COMPLETED");
    stack.awaitStatus(submit(push(stopped, "warm-up")), CI_TOKEN, "COMPLETED");

    long outageStart = killStackRegistry();
    Map<String, PushedImage> healthyRequests = new LinkedHashMap<>();
    Map<String, PushedImage> stoppedRequests = new LinkedHashMap<>();
    Map<String, Long> completedAt = new LinkedHashMap<>();
    Map<String, Long> submittedAt = new LinkedHashMap<>();
    // Requests arrive over the first two thirds of the outage, the rest leaves the last ones time.
    long spacing = OUTAGE.toNanos() * 2 / 3 / REQUESTS_PER_REGISTRY;
    for (int i = 0; i < REQUESTS_PER_REGISTRY; i++) {
      String id = submit(toHealthy.get(i));
      submittedAt.put(id, System.nanoTime());
      healthyRequests.put(id, toHealthy.get(i));
      stoppedRequests.put(submit(toStopped.get(i)), toStopped.get(i));
      observeUntil(outageStart + (i + 1) * spacing, healthyRequests, stoppedRequests, completedAt);
    }
    observeUntil(outageStart + OUTAGE.toNanos(), healthyRequests, stoppedRequests, completedAt);
    // The registry stays down until the healthy registry's requests are through, however slow
    // the machine: they must complete during the outage, not after it.
    Await.until(
        "every request for " + healthy.hostPort() + " COMPLETED while " + stopped + " is down",
        StackSession.STATUS_WAIT,
        () -> {
          observeUntil(System.nanoTime(), healthyRequests, stoppedRequests, completedAt);
          return completedAt.keySet().containsAll(healthyRequests.keySet());
        });
    assertThat(completedAt.keySet())
        .as("requests for the stopped registry completed during its outage")
        .doesNotContainAnyElementsOf(stoppedRequests.keySet());
    double outageSeconds = (System.nanoTime() - outageStart) / 1e9;
    double slowestHealthy =
        healthyRequests.keySet().stream()
                .mapToLong(id -> completedAt.get(id) - submittedAt.get(id))
                .max()
                .orElseThrow()
            / 1e9;

    long restartedAt = restartStackRegistry();
    long lastCompletedAt =
        awaitCompleted(stoppedRequests.keySet(), restartedAt + DRAIN_WITHIN.toNanos());

    Map<String, PushedImage> all = new LinkedHashMap<>(healthyRequests);
    all.putAll(stoppedRequests);
    assertExactlyOneVerifyingSignatureEach(all);
    List<PublicationRows.Target> publications = PublicationRows.perTarget(stack, all.keySet());
    System.out.printf(
        "registry-outage: %s down %.1f s (SIGKILL, restarted by stack up on the same port and"
            + " storage); %d requests for it, %d for %s; the last request COMPLETED %.1f s after"
            + " the registry answered again; during the outage the slowest request for %s took"
            + " %.1f s from submission to COMPLETED (as seen by polling every 0.5 s)%n",
        stopped,
        outageSeconds,
        stoppedRequests.size(),
        healthyRequests.size(),
        healthy.hostPort(),
        (lastCompletedAt - restartedAt) / 1e9,
        healthy.hostPort(),
        slowestHealthy);
    publications.forEach(target -> System.out.println("registry-outage publications: " + target));
    assertThat(publications)
        .as("one PUBLISHED publication per request and registry")
        .extracting(
            PublicationRows.Target::target,
            PublicationRows.Target::rows,
            PublicationRows.Target::published)
        .containsExactlyInAnyOrder(
            tuple(
                target(healthy.hostPort()),
                (long) healthyRequests.size(),
                (long) healthyRequests.size()),
            tuple(target(stopped), (long) stoppedRequests.size(), (long) stoppedRequests.size()));
  }

  /**
   * Polls every request's status until {@code until} (at least once): records when each request was
   * first seen COMPLETED and fails at once if one of them is FAILED.
   */
  private void observeUntil(
      long until,
      Map<String, PushedImage> healthyRequests,
      Map<String, PushedImage> stoppedRequests,
      Map<String, Long> completedAt)
      throws Exception {
    do {
      for (Map<String, PushedImage> requests : List.of(healthyRequests, stoppedRequests)) {
        for (String id : requests.keySet()) {
          if (completedAt.containsKey(id)) {
            continue;
          }
          String status = status(id);
          assertThat(status).as("request %s during the outage", id).isNotEqualTo("FAILED");
          if (status.equals("COMPLETED")) {
            completedAt.put(id, System.nanoTime());
          }
        }
      }
      Thread.sleep(Math.max(0, Math.min(500, (until - System.nanoTime()) / 1_000_000)));
    } while (System.nanoTime() < until);
  }

  /** Waits until every request is COMPLETED, none FAILED; when the last one was seen so. */
  private long awaitCompleted(Iterable<String> ids, long deadline) throws Exception {
    List<String> waiting = new ArrayList<>();
    ids.forEach(waiting::add);
    long last = System.nanoTime();
    while (!waiting.isEmpty()) {
      for (String id : List.copyOf(waiting)) {
        String status = status(id);
        assertThat(status).as("request %s after the restart", id).isNotEqualTo("FAILED");
        if (status.equals("COMPLETED")) {
          waiting.remove(id);
          last = System.nanoTime();
        }
      }
      if (!waiting.isEmpty() && System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            waiting.size() + " request(s) not COMPLETED within " + DRAIN_WITHIN + ": " + waiting);
      }
      Thread.sleep(200);
    }
    return last;
  }

  private void assertExactlyOneVerifyingSignatureEach(Map<String, PushedImage> requests)
      throws Exception {
    PublicKey key =
        PublicKeys.fromPem(Files.readString(Path.of(stack.env("HALLMARK_COSIGN_PUBLIC_KEY"))));
    for (Map.Entry<String, PushedImage> request : requests.entrySet()) {
      PushedImage image = request.getValue();
      assertThat(SignatureLayers.count(image))
          .as("signature layers of %s (request %s)", image.reference(), request.getKey())
          .isEqualTo(1);
      assertThat(
              CosignVerifier.verify(image.registry(), image.repository(), image.digest(), key)
                  .verified())
          .as("verifying signatures of %s", image.reference())
          .hasSize(1);
    }
  }

  /** registry-publisher's name of a registry as a publication target (PublicationTargets). */
  private static String target(String registry) {
    return "registry " + registry;
  }

  /** SIGKILLs the stack's registry (its pid file, as {@code stack down} finds it); when. */
  private long killStackRegistry() throws Exception {
    Path pidFile = stack.stateDir().resolve("pids").resolve(RegistryServer.COMPONENT + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle registry = ProcessHandle.of(pid).orElseThrow();
    assertThat(registry.destroyForcibly()).as("SIGKILL to the registry (pid %d)", pid).isTrue();
    registry.onExit().get(30, TimeUnit.SECONDS);
    return System.nanoTime();
  }

  /**
   * {@code stack up} starts what is not running: the registry, on its port, with its storage and
   * its webhook. Returns when the registry first answered {@code GET /v2/}.
   */
  private long restartStackRegistry() throws Exception {
    Path output = Files.createTempFile("hallmark-e2e-registry-restart", ".log");
    Process restart = stack.launch(output, "up", "--no-demo");
    int port = stack.port("HALLMARK_REGISTRY_PORT");
    long answeredAt =
        Await.until(
            "the restarted registry answers",
            StackSession.COMMAND_TIMEOUT,
            () -> answers(port) ? System.nanoTime() : 0L,
            at -> at != 0L);
    assertThat(restart.waitFor(StackSession.COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("stack up finished")
        .isTrue();
    assertThat(restart.exitValue()).as(Files.readString(output)).isZero();
    return answeredAt;
  }

  private static boolean answers(int port) throws InterruptedException {
    try {
      return RegistryServer.apiVersionCheck(port) == 200;
    } catch (java.io.IOException notListeningYet) {
      return false;
    }
  }

  private List<PushedImage> push(String registry) {
    List<PushedImage> images = new ArrayList<>();
    for (int i = 0; i < REQUESTS_PER_REGISTRY; i++) {
      images.add(push(registry, "app-" + i));
    }
    return images;
  }

  private static PushedImage push(String registry, String name) {
    return TestImages.push(registry, PROJECT + "/" + name, "1.0");
  }

  /** A CI request of the project for the image; its id. */
  private String submit(PushedImage image) throws Exception {
    String body =
        """
        {"project": "%s", "signingPolicy": "both", "methods": ["cosign"],
         "artifacts": [{"repository": "%s/%s", "digest": "%s", "tags": ["%s"]}]}
        """
            .formatted(PROJECT, image.registry(), image.repository(), image.digest(), image.tag());
    HttpResponse<String> accepted =
        stack.send(
            "POST", stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests", CI_TOKEN, body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    Matcher id = ID.matcher(accepted.body());
    assertThat(id.find()).as(accepted.body()).isTrue();
    return id.group(1);
  }

  private String status(String id) throws Exception {
    String body =
        stack
            .get(stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests/" + id, CI_TOKEN)
            .body();
    Matcher status = STATUS.matcher(body);
    assertThat(status.find()).as("status of %s: %s", id, body).isTrue();
    return status.group(1);
  }

  /** One policy over the same repository name in both registries. */
  private String project() {
    return """
        {"submitters": {"ci": {"token-sha256": "%s"}},
         "policies": {"both": {"submitters": ["ci"],
                               "repositories": ["%s/%s/*", "%s/%s/*"],
                               "methods": ["cosign"], "key": "demo-cosign"}}}
        """
        .formatted(sha256(CI_TOKEN), stopped, PROJECT, healthy.hostPort(), PROJECT);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code 45s}, {@code 10m}, {@code 1h}, or an ISO-8601 duration. */
  static Duration duration(String text) {
    Matcher simple = Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(text.trim());
    if (!simple.matches()) {
      return Duration.parse(text.trim());
    }
    long amount = Long.parseLong(simple.group(1));
    return switch (simple.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
