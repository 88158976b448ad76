package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Notary v1 server (Docker Content Trust): Debian's {@code notary-server}, plain HTTP on
 * 127.0.0.1, with its own timestamp and snapshot keys and all trust data in memory, so a restart
 * starts from nothing (see {@link NotaryServerConfig}).
 */
public final class NotaryServer implements AutoCloseable {
  public static final String COMPONENT = "notary-server";
  public static final int DEFAULT_PORT = 4443;
  public static final String ENV = "HALLMARK_NOTARY_SERVER_BIN";
  static final String HEALTH_PATH = "/_notary_server/health";
  private static final Path DEFAULT_BINARY = Path.of("/usr/bin/notary-server");
  private static final Logger LOG = LoggerFactory.getLogger(NotaryServer.class);

  /**
   * How to start the server.
   *
   * @param port HTTP port on 127.0.0.1; 0 picks a free one
   * @param workDir holds {@code server.json}
   * @param logFile the server's output
   * @param readinessTimeout bounded wait until its health endpoint answers 200
   * @param detached outlive this JVM (the stack); tests leave it false
   */
  public record Settings(
      int port, Path workDir, Path logFile, Duration readinessTimeout, boolean detached) {

    public static Settings forTests(Path workDir, Path logDir) {
      return new Settings(
          0, workDir, logDir.resolve(COMPONENT + ".log"), Duration.ofSeconds(30), false);
    }
  }

  private final HttpServerProcess process;
  private final int port;
  private final Path logFile;

  private NotaryServer(HttpServerProcess process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /** Env {@code HALLMARK_NOTARY_SERVER_BIN}, else {@code /usr/bin/notary-server}. */
  public static Path binary() {
    String configured = System.getenv(ENV);
    return configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
  }

  /** Whether the notary-server binary is installed. */
  public static boolean available() {
    return Files.isExecutable(binary());
  }

  public static NotaryServer start(Settings settings) {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new MissingBinaryException(COMPONENT, binary, "apt-get install notary, or set " + ENV);
    }
    // The port goes into the configuration file, so it is chosen here rather than by the server.
    int port = Ports.resolve(COMPONENT, settings.port(), "set another notary-server port");
    Path workDir = settings.workDir().toAbsolutePath();
    Path config = workDir.resolve("server.json");
    try {
      Files.createDirectories(workDir);
      Files.writeString(config, NotaryServerConfig.render(port));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + config, e);
    }

    HttpServerProcess process =
        HttpServerProcess.start(
            COMPONENT,
            List.of(binary.toString(), "-config", config.toString()),
            workDir,
            settings.logFile(),
            settings.detached(),
            settings.readinessTimeout(),
            URI.create(url(port) + HEALTH_PATH));
    NotaryServer server = new NotaryServer(process, port, settings.logFile());
    LOG.info(
        "Notary server ready at {} (pid {}, log {})", server.url(), server.pid(), server.logFile);
    return server;
  }

  /** Status of {@code GET /_notary_server/health}: 200 once storage and trust service are up. */
  public static int healthCheck(int port) throws IOException, InterruptedException {
    return HttpServerProcess.status(URI.create(url(port) + HEALTH_PATH));
  }

  public static String url(int port) {
    return "http://" + Ports.LOOPBACK + ":" + port;
  }

  /** {@code http://127.0.0.1:<port>}, what {@code notary -s} takes. */
  public String url() {
    return url(port);
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

  /** SIGTERM, at most 15 s, then SIGKILL. The trust data, in memory only, is gone afterwards. */
  public void stop() {
    process.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
