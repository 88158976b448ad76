package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka, PostgreSQL, the registry and the Notary v1 server as local OS processes. */
public final class LocalInfrastructure implements Infrastructure {
  private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);

  /**
   * @param baseDir data of all, in {@code kafka/}, {@code postgres/}, {@code registry/}, {@code
   *     notary/}
   * @param logDir one log file per process
   * @param withRegistry start the registry if {@code docker-registry} is installed, and next to it
   *     notary-server if {@code notary} is: Docker Content Trust data belongs with a registry
   */
  public record Settings(Path baseDir, Path logDir, boolean withRegistry) {}

  private final KafkaBroker kafka;
  private final PostgresServer postgres;
  private final Optional<RegistryServer> registry;
  private final Optional<NotaryServer> notary;

  private LocalInfrastructure(
      KafkaBroker kafka,
      PostgresServer postgres,
      Optional<RegistryServer> registry,
      Optional<NotaryServer> notary) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.registry = registry;
    this.notary = notary;
  }

  /**
   * Starts them on free ports with test settings (fsync off, fresh data). Kafka and PostgreSQL
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
      Optional<NotaryServer> notary = Optional.empty();
      try {
        if (settings.withRegistry() && RegistryServer.available()) {
          registry =
              Optional.of(
                  RegistryServer.start(
                      RegistryServer.Settings.forTests(
                          settings.baseDir().resolve("registry"), settings.logDir())));
        }
        if (settings.withRegistry() && NotaryServer.available()) {
          notary =
              Optional.of(
                  NotaryServer.start(
                      NotaryServer.Settings.forTests(
                          settings.baseDir().resolve("notary"), settings.logDir())));
        }
        LocalInfrastructure started =
            new LocalInfrastructure(kafka.join(), postgres.join(), registry, notary);
        LOG.info("Local infrastructure started; logs in {}", settings.logDir());
        return started;
      } catch (RuntimeException e) {
        // Whatever did start must not outlive the failure.
        notary.ifPresent(NotaryServer::stop);
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

  public Optional<NotaryServer> notaryServer() {
    return notary;
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

  @Override
  public Optional<String> notaryUrl() {
    return notary.map(NotaryServer::url);
  }

  /** Stops all, each bounded; one failing stop does not keep the others running. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (Runnable stop :
        new Runnable[] {
          () -> notary.ifPresent(NotaryServer::stop),
          () -> registry.ifPresent(RegistryServer::stop),
          kafka::stop,
          postgres::stop
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
    return "LocalInfrastructure["
        + kafkaBootstrap()
        + ", "
        + jdbcUrl()
        + ", "
        + registry()
        + ", "
        + notaryUrl()
        + "]";
  }
}
