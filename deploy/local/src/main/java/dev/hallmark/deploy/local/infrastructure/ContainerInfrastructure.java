package dev.hallmark.deploy.local.infrastructure;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The same infrastructure as containers, when a Docker engine is available. Testcontainers is an
 * optional dependency: a module that wants this mode adds {@code org.testcontainers:kafka} and
 * {@code org.testcontainers:postgresql} to its test classpath.
 */
public final class ContainerInfrastructure implements Infrastructure {
  /** Pinned like the local broker; never {@code :latest}. */
  static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:3.9.1");

  static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:15.10");
  static final DockerImageName REGISTRY_IMAGE = DockerImageName.parse("registry:2.8.3");
  private static final int REGISTRY_PORT = 5000;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final KafkaContainer kafka;
  private final PostgreSQLContainer<?> postgres;
  private final GenericContainer<?> registry;

  private ContainerInfrastructure(
      KafkaContainer kafka, PostgreSQLContainer<?> postgres, GenericContainer<?> registry) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.registry = registry;
  }

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /** Starts the three containers in parallel; bounded (image pulls included) to 5 minutes. */
  public static ContainerInfrastructure start() {
    KafkaContainer kafka =
        new KafkaContainer(KAFKA_IMAGE)
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .withStartupTimeout(Duration.ofMinutes(2));
    PostgreSQLContainer<?> postgres =
        new PostgreSQLContainer<>(POSTGRES_IMAGE)
            .withDatabaseName(PostgresServer.DATABASE)
            .withUsername(PostgresServer.SUPERUSER)
            .withPassword(Secrets.generate())
            .withStartupTimeout(Duration.ofMinutes(2));
    GenericContainer<?> registry =
        new GenericContainer<>(REGISTRY_IMAGE)
            .withExposedPorts(REGISTRY_PORT)
            .withEnv("REGISTRY_STORAGE_DELETE_ENABLED", "true")
            .waitingFor(Wait.forHttp("/v2/").forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(2));
    ContainerInfrastructure infrastructure = new ContainerInfrastructure(kafka, postgres, registry);
    try {
      Startables.deepStart(kafka, postgres, registry)
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return infrastructure;
    } catch (Exception e) {
      infrastructure.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ProcessStartException(
          "containers", "could not start the containers: " + e, null, e);
    }
  }

  @Override
  public String kafkaBootstrap() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String jdbcUrl() {
    return postgres.getJdbcUrl();
  }

  @Override
  public String dbUser() {
    return postgres.getUsername();
  }

  @Override
  public String dbPassword() {
    return postgres.getPassword();
  }

  @Override
  public Optional<String> registry() {
    return Optional.of(registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT));
  }

  @Override
  public void close() {
    registry.stop();
    kafka.stop();
    postgres.stop();
  }
}
