package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.stack.ServiceDefinition;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.testing.StackSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's "recovery within 10 s of a restart": each consuming service of a running stack is
 * killed with SIGKILL (no clean leave of its consumer group) and started again by {@code stack up},
 * which starts what is not running. From the moment its health is UP, a new request must get
 * through its stage within {@link #RECOVERY}. The numbers are printed as {@code restart-recovery}
 * lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartRecoveryIT {
  static final Duration RECOVERY = Duration.ofSeconds(10);
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);
  private static final String AUDITED =
      "SELECT count(*) FROM audit.ledger_entry WHERE request_id = ?"
          + " AND event_type = 'SignaturePublished'";

  StackSession stack;

  @BeforeAll
  void up() throws Exception {
    stack = StackSession.up("--no-demo");
    // Every consumer has joined its group and read its topics once before the first kill.
    awaitThroughStage(
        Services.AUDIT, BuildRequests.submit(stack, push("warm-up")), Duration.ofSeconds(60));
  }

  @AfterAll
  void down() throws Exception {
    if (stack != null) {
      stack.down();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        Services.INTAKE,
        Services.POLICY,
        Services.SIGNER,
        Services.REGISTRY_PUBLISHER,
        Services.AUDIT
      })
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void sigkillAndRestart_stageWorksWithinTenSecondsOfHealthy(String service) throws Exception {
    PushedImage image = push(service);
    long killedAt = System.nanoTime();
    kill(service);

    Path output = Files.createTempFile("hallmark-e2e-restart-" + service, ".log");
    Process restart = stack.launch(output, "up", "--no-demo");
    long healthyAt = awaitHealthy(service);
    String id = BuildRequests.submit(stack, image);
    long throughAt = awaitThroughStage(service, id, Duration.ofSeconds(60));

    assertThat(restart.waitFor(StackSession.COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("stack up finished")
        .isTrue();
    assertThat(restart.exitValue()).as(Files.readString(output)).isZero();
    double toHealthy = (healthyAt - killedAt) / 1e9;
    double toStage = (throughAt - healthyAt) / 1e9;
    System.out.printf(
        "restart-recovery %s: SIGKILL to health UP %.1f s, health UP to a new request through its"
            + " stage %.1f s%n",
        service, toHealthy, toStage);
    assertThat(Duration.ofNanos(throughAt - healthyAt))
        .as("%s: from health UP to a new request through its stage", service)
        .isLessThanOrEqualTo(RECOVERY);
  }

  private void kill(String service) throws Exception {
    long pid = pid(service);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    assertThat(process.destroyForcibly()).as("SIGKILL to %s (pid %d)", service, pid).isTrue();
    process.onExit().get(30, TimeUnit.SECONDS);
  }

  private long pid(String service) throws Exception {
    Path pidFile = stack.stateDir().resolve("pids").resolve(service + ".pid");
    return Long.parseLong(Files.readString(pidFile).trim());
  }

  /** Polls the service's health until it is UP; the time it was first seen UP. */
  private long awaitHealthy(String service) throws Exception {
    String url = stack.env(urlVariable(service)) + "/health";
    long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> health = stack.send("GET", url, null, null);
        if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
          return System.nanoTime();
        }
      } catch (java.io.IOException notListeningYet) {
        // the JVM is still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError(service + " not UP within " + HEALTHY_WITHIN);
  }

  /**
   * Waits until the request got through the service's stage: COMPLETED at intake for the services
   * of the pipeline (intake's own stage is following the request to the end), its publication in
   * the audit ledger for audit-service. Returns when that was seen.
   */
  private long awaitThroughStage(String service, String id, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (throughStage(service, id)) {
        return System.nanoTime();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "request " + id + " not through the stage of " + service + " within " + within);
  }

  private boolean throughStage(String service, String id) throws Exception {
    if (service.equals(Services.AUDIT)) {
      try (DatabaseOutage database = DatabaseOutage.of(stack)) {
        return database.count(AUDITED, id) > 0;
      }
    }
    return BuildRequests.status(stack, id).contains("\"status\":\"COMPLETED\"");
  }

  private PushedImage push(String name) {
    return TestImages.push(stack.env("HALLMARK_REGISTRY"), "builds/restart-" + name, "1.0");
  }

  private static String urlVariable(String service) {
    return ServiceDefinition.ALL.stream()
        .filter(definition -> definition.name().equals(service))
        .findFirst()
        .orElseThrow()
        .urlVariable();
  }
}
