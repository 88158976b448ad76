package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A local HTTP server binary run as a child process (the registry, notary-server): launched with
 * its output in a log file, watched by an {@link OrphanGuard} unless it is meant to outlive this
 * JVM, ready once a probe URL answers 200, and stopped with SIGTERM, then SIGKILL.
 */
final class HttpServerProcess {
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final String component;
  private final Process process;
  private final Optional<OrphanGuard> orphanGuard;

  private HttpServerProcess(String component, Process process, Optional<OrphanGuard> guard) {
    this.component = component;
    this.process = process;
    this.orphanGuard = guard;
  }

  /**
   * Starts the command and waits until {@code probe} answers 200; stops it again if it does not.
   *
   * @param detached outlive this JVM (the stack); tests leave it false
   */
  static HttpServerProcess start(
      String component,
      List<String> command,
      Path workDir,
      Path logFile,
      boolean detached,
      Duration readinessTimeout,
      URI probe) {
    Process process =
        ProcessLauncher.start(component, command, java.util.Map.of(), workDir, logFile, detached);
    Optional<OrphanGuard> guard =
        detached ? Optional.empty() : Optional.of(OrphanGuard.watch(process.pid(), Signal.TERM));
    HttpServerProcess started = new HttpServerProcess(component, process, guard);
    try {
      Readiness.await(
          component, process.toHandle(), logFile, readinessTimeout, () -> status(probe) == 200);
    } catch (RuntimeException e) {
      started.stop();
      throw e;
    }
    return started;
  }

  /** Status of a GET of {@code uri}, with short timeouts: a readiness probe. */
  static int status(URI uri) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  long pid() {
    return process.pid();
  }

  boolean isRunning() {
    return process.isAlive();
  }

  /** SIGTERM, at most 15 s, then SIGKILL. */
  void stop() {
    orphanGuard.ifPresent(OrphanGuard::close);
    OsProcesses.stop(component, process.pid(), Signal.TERM, STOP_GRACE);
  }
}
