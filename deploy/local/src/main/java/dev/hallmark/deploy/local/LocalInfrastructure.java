package dev.hallmark.deploy.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka, PostgreSQL and the registry as local OS processes. */
public final class LocalInfrastructure implements Infrastructure {
  private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);

  /**
   * @param baseDir data of all three, in {@code kafka/}, {@code postgres/}, {@code registry/}
   * @param logDir one log file per process
   * @param withRegistry start the registry if {@code docker-registry} is installed
   */
  public record Settings(Path baseDir, Path logDir, boolean withRegistry) {}

  private final KafkaBroker kafka;
  private final PostgresServer postgres;
  private final Optional<RegistryServer> registry;

  private LocalInfrastructure(
      KafkaBroker kafka, PostgresServer postgres, Optional<RegistryServer> registry) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.registry = registry;
  }

  /**
   * Starts the three on free ports with test settings (fsync off, fresh data). Kafka and PostgreSQL
   * start in parallel: most of their start-up is waiting, and it halves the time every integration
   * test run pays once.
   */
  public static LocalInfrastructure start(Settings settings) {
    ExecutorService starter =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "hallmark-infra-start");
              thread.setDaemon(true);
              return thread;
            });
    try {
      CompletableFuture<KafkaBroker> kafka =
          CompletableFuture.supplyAsync(
              () ->
                  KafkaBroker.start(
                      KafkaBroker.Settings.forTests(
                          settings.baseDir().resolve("kafka"), settings.logDir())),
              starter);
      CompletableFuture<PostgresServer> postgres =
          CompletableFuture.supplyAsync(
              () ->
                  PostgresServer.start(
                      PostgresServer.Settings.forTests(
                          settings.baseDir().resolve("postgres"), settings.logDir())),
              starter);
      Optional<RegistryServer> registry = Optional.empty();
      try {
        if (settings.withRegistry() && RegistryServer.available()) {
          registry =
              Optional.of(
                  RegistryServer.start(
                      RegistryServer.Settings.forTests(
                          settings.baseDir().resolve("registry"), settings.logDir())));
        }
        LocalInfrastructure started =
            new LocalInfrastructure(kafka.join(), postgres.join(), registry);
        LOG.info("Local infrastructure started; logs in {}", settings.logDir());
        return started;
      } catch (RuntimeException e) {
        // Whatever did start must not outlive the failure.
        registry.ifPresent(RegistryServer::stop);
        stopQuietly(kafka);
        stopQuietly(postgres);
        throw unwrap(e);
      }
    } finally {
      starter.shutdown();
    }
  }

  private static void stopQuietly(CompletableFuture<? extends AutoCloseable> future) {
    try {
      future.join().close();
    } catch (Exception ignored) {
      // It failed to start, and its own start already cleaned up.
    }
  }

  private static RuntimeException unwrap(RuntimeException e) {
    return e instanceof CompletionException && e.getCause() instanceof RuntimeException cause
        ? cause
        : e;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public Optional<RegistryServer> registryServer() {
    return registry;
  }

  @Override
  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  @Override
  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  @Override
  public String dbUser() {
    return postgres.user();
  }

  @Override
  public String dbPassword() {
    return postgres.password();
  }

  @Override
  public Optional<String> registry() {
    return registry.map(RegistryServer::hostPort);
  }

  /** Stops all three, each bounded; one failing stop does not keep the others running. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (Runnable stop :
        new Runnable[] {
          () -> registry.ifPresent(RegistryServer::stop), kafka::stop, postgres::stop
        }) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "LocalInfrastructure[" + kafkaBootstrap() + ", " + jdbcUrl() + ", " + registry() + "]";
  }
}
