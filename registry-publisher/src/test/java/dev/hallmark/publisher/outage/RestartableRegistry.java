package dev.hallmark.publisher.outage;

import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A registry of its own that a test can kill (SIGKILL, as an outage looks to its clients) and start
 * again on the same port with the same storage, so the images pushed before the outage are there
 * after it.
 */
final class RestartableRegistry implements AutoCloseable {
  private final Path workDir;
  private RegistryServer server;
  private final int port;

  private RestartableRegistry(Path workDir, RegistryServer server) {
    this.workDir = workDir;
    this.server = server;
    this.port = server.port();
  }

  static RestartableRegistry start(Path workDir) {
    return new RestartableRegistry(workDir, RegistryServer.start(settings(0, workDir)));
  }

  private static RegistryServer.Settings settings(int port, Path workDir) {
    return new RegistryServer.Settings(
        port,
        workDir,
        workDir.resolve("registry.log"),
        Optional.empty(),
        Duration.ofSeconds(30),
        false);
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** SIGKILL, and wait until the process is gone (its port is free). */
  void kill() throws Exception {
    ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
    process.destroyForcibly();
    process.onExit().get(10, TimeUnit.SECONDS);
  }

  /** Starts the registry again on its port, with the storage it had. */
  void restart() {
    server = RegistryServer.start(settings(port, workDir));
  }

  @Override
  public void close() {
    if (server != null && server.isRunning()) {
      server.stop();
    }
  }
}
