package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka (the real broker, {@code kafka.Kafka}) in KRaft combined mode, node 1, in its own
 * JVM started from {@code deploy/local/target/lib}.
 */
public final class KafkaBroker implements AutoCloseable {
  public static final String COMPONENT = "kafka";
  public static final int DEFAULT_PORT = 19092;
  public static final int DEFAULT_CONTROLLER_PORT = 19093;

  /** Marks the broker JVM on its command line, so a pid can be checked to really be a broker. */
  public static final String MARKER = "-Dhallmark.component=kafka";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * How to start the broker.
   *
   * @param port client port on 127.0.0.1; 0 picks a free one
   * @param controllerPort KRaft controller port; 0 picks a free one
   * @param workDir holds {@code data/} (the log dirs) and the generated configuration
   * @param logFile where the broker logs (log4j and the JVM's own stdout/stderr)
   * @param maxHeap the JVM's {@code -Xmx}, e.g. {@code 512m}
   * @param readinessTimeout bounded wait for {@code describeCluster} to succeed
   * @param detached outlive this JVM (the stack); tests leave it false
   * @param extraJvmArgs appended to the JVM options (the stack adds its marker here)
   */
  public record Settings(
      int port,
      int controllerPort,
      Path workDir,
      Path logFile,
      String maxHeap,
      Duration readinessTimeout,
      boolean detached,
      List<String> extraJvmArgs) {
    public Settings {
      extraJvmArgs = List.copyOf(extraJvmArgs);
    }

    /** Free ports, 512 MB heap, 60 s readiness, not detached. */
    public static Settings forTests(Path workDir, Path logDir) {
      return new Settings(
          0,
          0,
          workDir,
          logDir.resolve("kafka.log"),
          "512m",
          Duration.ofSeconds(60),
          false,
          List.of());
    }

    public Settings withPorts(int port, int controllerPort) {
      return new Settings(
          port,
          controllerPort,
          workDir,
          logFile,
          maxHeap,
          readinessTimeout,
          detached,
          extraJvmArgs);
    }

    public Settings withDetached(boolean detached, List<String> extraJvmArgs) {
      return new Settings(
          port,
          controllerPort,
          workDir,
          logFile,
          maxHeap,
          readinessTimeout,
          detached,
          extraJvmArgs);
    }
  }

  private final Process process;
  private final String bootstrapServers;
  private final Path logFile;
  private final Optional<OrphanGuard> orphanGuard;

  private KafkaBroker(
      Process process, String bootstrapServers, Path logFile, Optional<OrphanGuard> orphanGuard) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.logFile = logFile;
    this.orphanGuard = orphanGuard;
  }

  /** Formats the storage (once; kept across restarts) and starts the broker; returns when ready. */
  public static KafkaBroker start(Settings settings) {
    Path lib = HallmarkHome.brokerLibDir(HallmarkHome.locate());
    int port = Ports.resolve(COMPONENT, settings.port(), "set another Kafka port");
    int controllerPort =
        Ports.resolve(COMPONENT, settings.controllerPort(), "set another Kafka controller port");

    Path workDir = settings.workDir().toAbsolutePath();
    Path serverProperties = workDir.resolve("server.properties");
    Path log4jProperties = workDir.resolve("log4j.properties");
    try {
      Files.createDirectories(workDir.resolve("data"));
      Files.writeString(
          serverProperties,
          KafkaBrokerFiles.serverProperties(port, controllerPort, workDir.resolve("data")));
      Files.writeString(log4jProperties, KafkaBrokerFiles.log4jProperties(settings.logFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the broker configuration in " + workDir, e);
    }

    List<String> jvm = new ArrayList<>();
    jvm.add(JavaRuntime.javaBinary().toString());
    jvm.add("-Xms64m");
    jvm.add("-Xmx" + settings.maxHeap());
    jvm.add("-XX:+UseSerialGC");
    jvm.add("-Djava.awt.headless=true");
    jvm.add("-Dlog4j.configuration=" + log4jProperties.toUri());
    jvm.add("-Dkafka.logs.dir=" + settings.logFile().toAbsolutePath().getParent());
    jvm.add(MARKER);
    jvm.addAll(settings.extraJvmArgs());
    jvm.add("-cp");
    jvm.add(lib.resolve("*").toString());

    formatStorageOnce(jvm, workDir, serverProperties, settings.logFile());

    List<String> server = new ArrayList<>(jvm);
    server.addAll(List.of("kafka.Kafka", serverProperties.toString()));
    Process process =
        ProcessLauncher.start(
            COMPONENT, server, Map.of(), workDir, settings.logFile(), settings.detached());
    Optional<OrphanGuard> guard =
        settings.detached()
            ? Optional.empty()
            : Optional.of(OrphanGuard.watch(process.pid(), Signal.TERM));
    KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + port, settings.logFile(), guard);
    try {
      broker.awaitReady(settings.readinessTimeout());
    } catch (RuntimeException e) {
      broker.kill();
      throw e;
    }
    LOG.info(
        "Kafka broker ready at {} (pid {}, log {})",
        broker.bootstrapServers,
        broker.pid(),
        broker.logFile);
    return broker;
  }

  /**
   * Formats the log dirs for KRaft, unless they already are: Kafka 3.9's {@code --ignore-formatted}
   * still fails when the given cluster id differs from the stored one, and a restart (the stack's
   * {@code up} after {@code down}) must keep the data.
   */
  private static void formatStorageOnce(
      List<String> jvm, Path workDir, Path serverProperties, Path logFile) {
    if (Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
      return;
    }
    List<String> format = new ArrayList<>(jvm);
    format.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            serverProperties.toString(),
            "--ignore-formatted"));
    ProcessLauncher.runToCompletion(
        COMPONENT, "storage format", format, workDir, logFile, FORMAT_TIMEOUT);
  }

  /**
   * Ready when {@code describeCluster} lists a node: in KRaft a fenced broker is not listed, so a
   * listed node can also host new partitions.
   */
  private void awaitReady(Duration timeout) {
    try (Admin admin = admin(bootstrapServers)) {
      Readiness.await(
          COMPONENT,
          process.toHandle(),
          logFile,
          timeout,
          () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
    }
  }

  /** An admin client with short, bounded timeouts. */
  public static Admin admin(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1_000);
    properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2_000);
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "hallmark-launcher");
    return Admin.create(properties);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates the topics that do not exist yet (auto-creation is off); bounded to 30 s. */
  public void createTopics(List<NewTopic> topics) {
    try (Admin admin = admin(bootstrapServers)) {
      for (var entry : admin.createTopics(topics).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "could not create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic creation did not finish within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** Controlled shutdown (SIGTERM), at most 30 s, then SIGKILL. */
  public void stop() {
    orphanGuard.ifPresent(OrphanGuard::close);
    OsProcesses.stop(COMPONENT, process.pid(), Signal.TERM, STOP_GRACE);
  }

  /** SIGKILL: simulates a crash of the broker. */
  public void kill() {
    orphanGuard.ifPresent(OrphanGuard::close);
    process.destroyForcibly();
    try {
      // The broker is our child: waitFor returns once the JVM reaped it, so isRunning() agrees.
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    stop();
  }
}
