package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether Testcontainers can reach a Docker engine. The check can block for long (socket probes,
 * image pulls of the Ryuk container) or throw, so it runs on a daemon thread with a bounded wait
 * and any failure counts as "no Docker".
 */
public final class DockerAvailability {
  private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

  private DockerAvailability() {}

  static boolean testcontainersPresent() {
    try {
      Class.forName(TESTCONTAINERS_CLASS, false, DockerAvailability.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  public static boolean isAvailable(Map<String, String> env, Duration timeout) {
    if (!testcontainersPresent() || !anyEngineConfigured(env)) {
      return false;
    }
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    Thread probe =
        new Thread(
            () -> {
              try {
                answer.complete(ContainerInfrastructure.dockerAvailable());
              } catch (Throwable e) {
                answer.complete(false);
              }
            },
            "hallmark-docker-check");
    probe.setDaemon(true);
    probe.start();
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Cheap pre-check so that machines without Docker (like CI here) never load Testcontainers: an
   * engine is configured by env, by {@code ~/.testcontainers.properties}, or by a well-known
   * socket.
   */
  static boolean anyEngineConfigured(Map<String, String> env) {
    if (env.containsKey("DOCKER_HOST")
        || env.containsKey("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")
        || env.containsKey("TESTCONTAINERS_HOST_OVERRIDE")) {
      return true;
    }
    Path home = Path.of(System.getProperty("user.home"));
    List<Path> candidates =
        List.of(
            home.resolve(".testcontainers.properties"),
            Path.of("/var/run/docker.sock"),
            home.resolve(".docker/run/docker.sock"),
            home.resolve(".docker/desktop/docker.sock"),
            home.resolve(".colima/default/docker.sock"),
            home.resolve(".rd/docker.sock"),
            Path.of(env.getOrDefault("XDG_RUNTIME_DIR", "/nonexistent"), "docker.sock"));
    return candidates.stream().anyMatch(Files::exists);
  }
}
