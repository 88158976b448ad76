package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An OCI registry: Debian's {@code docker-registry} (CNCF distribution 2.8). */
public final class RegistryServer implements AutoCloseable {
  public static final String COMPONENT = "registry";
  public static final int DEFAULT_PORT = 15000;
  public static final String ENV = "HALLMARK_REGISTRY_BIN";
  private static final Path DEFAULT_BINARY = Path.of("/usr/bin/docker-registry");
  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  /** Where the registry sends its notifications, with the bearer secret it authenticates with. */
  public record Webhook(URI url, String secret) {
    @Override
    public String toString() {
      return "Webhook[" + url + "]";
    }
  }

  /**
   * How to start the registry.
   *
   * @param port HTTP port on 127.0.0.1; 0 picks a free one
   * @param workDir holds {@code config.yml} (0600, it may hold the webhook secret) and {@code
   *     data/}
   * @param logFile the registry's output
   * @param webhook notification endpoint, if any
   * @param readinessTimeout bounded wait until {@code GET /v2/} answers 200
   * @param detached outlive this JVM (the stack); tests leave it false
   */
  public record Settings(
      int port,
      Path workDir,
      Path logFile,
      Optional<Webhook> webhook,
      Duration readinessTimeout,
      boolean detached) {

    public static Settings forTests(Path workDir, Path logDir) {
      return new Settings(
          0,
          workDir,
          logDir.resolve("registry.log"),
          Optional.empty(),
          Duration.ofSeconds(30),
          false);
    }

    public Settings withWebhook(Webhook webhook) {
      return new Settings(port, workDir, logFile, Optional.of(webhook), readinessTimeout, detached);
    }
  }

  private final HttpServerProcess process;
  private final int port;
  private final Path logFile;

  private RegistryServer(HttpServerProcess process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /** Env {@code HALLMARK_REGISTRY_BIN}, else {@code /usr/bin/docker-registry}. */
  public static Path binary() {
    String configured = System.getenv(ENV);
    return configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
  }

  /** Whether the registry binary is installed. */
  public static boolean available() {
    return Files.isExecutable(binary());
  }

  public static RegistryServer start(Settings settings) {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new MissingBinaryException(
          COMPONENT, binary, "apt-get install docker-registry, or set " + ENV);
    }
    int port = Ports.resolve(COMPONENT, settings.port(), "set another registry port");
    Path workDir = settings.workDir().toAbsolutePath();
    Path config = workDir.resolve("config.yml");
    try {
      Files.createDirectories(workDir.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + workDir, e);
    }
    Secrets.writeOwnerOnly(
        config, RegistryConfig.render(port, workDir.resolve("data"), settings.webhook()));

    HttpServerProcess process =
        HttpServerProcess.start(
            COMPONENT,
            List.of(binary.toString(), "serve", config.toString()),
            workDir,
            settings.logFile(),
            settings.detached(),
            settings.readinessTimeout(),
            URI.create("http://127.0.0.1:" + port + "/v2/"));
    RegistryServer server = new RegistryServer(process, port, settings.logFile());
    LOG.info(
        "Registry ready at {} (pid {}, log {})", server.hostPort(), server.pid(), server.logFile);
    return server;
  }

  /** Status of {@code GET /v2/}, the API version check of the distribution spec. */
  public static int apiVersionCheck(int port) throws IOException, InterruptedException {
    return HttpServerProcess.status(URI.create("http://127.0.0.1:" + port + "/v2/"));
  }

  /** {@code 127.0.0.1:<port>}, as image references use it. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isRunning();
  }

  public Path logFile() {
    return logFile;
  }

  /** SIGTERM, at most 15 s, then SIGKILL. */
  public void stop() {
    process.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
