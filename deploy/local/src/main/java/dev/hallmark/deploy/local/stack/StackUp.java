package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.demo.DemoConfiguration;
import dev.hallmark.deploy.local.demo.DemoNotary;
import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import dev.hallmark.deploy.local.infrastructure.DatabaseRoles;
import dev.hallmark.deploy.local.infrastructure.ExternalInfrastructure;
import dev.hallmark.deploy.local.infrastructure.JavaRuntime;
import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.deploy.local.infrastructure.LogTail;
import dev.hallmark.deploy.local.infrastructure.MissingBinaryException;
import dev.hallmark.deploy.local.infrastructure.NotaryServer;
import dev.hallmark.deploy.local.infrastructure.Ports;
import dev.hallmark.deploy.local.infrastructure.PostgresServer;
import dev.hallmark.deploy.local.infrastructure.ProcessLauncher;
import dev.hallmark.deploy.local.infrastructure.ProcessStartException;
import dev.hallmark.deploy.local.infrastructure.ReadinessTimeoutException;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import dev.hallmark.deploy.local.infrastructure.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stack up}: PostgreSQL, Kafka, the registry, notary-server and the services as detached
 * processes that outlive this command; what already runs is reused. Once the services are UP, the
 * demo repository's Notary v1 trust data is set up ({@link DemoNotary}).
 */
final class StackUp {
  static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration INFRA_READINESS = Duration.ofSeconds(90);
  private static final String WEBHOOK_PATH = "/api/v1/webhooks/registry";

  /** The services' {@code hallmark.kafka.instance-id} (docs/operations.md, "Consumers"). */
  static final String INSTANCE_ID = "HALLMARK_INSTANCE_ID";

  /** The instance id of every service of the local stack: each runs once. */
  static final String LOCAL_INSTANCE = "local-1";

  private final StackLayout layout;
  private final StackPorts ports;
  private final boolean withServices;
  private final PrintStream out;
  private final List<StackSummary.Row> rows = new ArrayList<>();
  private DemoConfiguration demoConfiguration;

  StackUp(StackLayout layout, StackPorts ports, boolean withServices, PrintStream out) {
    this.layout = layout;
    this.ports = ports;
    this.withServices = withServices;
    this.out = out;
  }

  void run() {
    Instant started = Instant.now();
    layout.createDirectories();
    if (withServices) {
      requireServiceJars();
    }
    requireFreePortsForWhatIsNotRunning();

    String dbPassword = startPostgres();
    String auditDbPassword = createAuditRole(dbPassword);
    startKafka();
    Optional<String> registry = startRegistry();
    Optional<String> notaryUrl = startNotaryServer();
    String registryHostPort = registry.orElse("127.0.0.1:" + ports.registry());
    demoConfiguration =
        DemoConfiguration.write(
            layout, registryHostPort, notaryUrl, ports.service(ServiceDefinition.SIGNER));
    if (withServices) {
      Map<ServiceDefinition, Process> launched =
          startServices(dbPassword, auditDbPassword, registry);
      awaitHealthy(launched, started);
      rows.sort(Comparator.comparingInt(StackUp::startOrder));
    }

    Map<String, String> env = new LinkedHashMap<>();
    for (ServiceDefinition service : ServiceDefinition.ALL) {
      env.put(service.urlVariable(), "http://127.0.0.1:" + ports.service(service));
    }
    env.put(ExternalInfrastructure.KAFKA_BOOTSTRAP, "127.0.0.1:" + ports.kafka());
    env.put(ExternalInfrastructure.JDBC_URL, jdbcUrl());
    env.put(ExternalInfrastructure.DB_USER, PostgresServer.SUPERUSER);
    env.put(ExternalInfrastructure.DB_PASSWORD, dbPassword);
    env.put(ExternalInfrastructure.REGISTRY, registry.orElse(""));
    env.putAll(demoConfiguration.stackEnvironment());
    if (withServices) {
      env.putAll(demoConfiguration.fetchPublicKeys(ports.service(ServiceDefinition.SIGNER)));
      if (notaryUrl.isPresent()) {
        env.putAll(
            new DemoNotary(layout, notaryUrl.get(), out)
                .initialize(registryHostPort, ports.service(ServiceDefinition.SIGNER)));
      }
    }
    StackEnvFile.write(layout.stackEnv(), env);

    StackSummary.print(out, rows);
    out.printf(
        "Stack up in %.1f s. Environment: %s (mode 0600). Logs: %s%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0,
        layout.stackEnv(),
        layout.log("x").getParent());
  }

  private void requireServiceJars() {
    for (ServiceDefinition service : ServiceDefinition.ALL) {
      Path jar = service.jar(layout.home());
      if (!Files.isRegularFile(jar)) {
        throw new MissingBinaryException(
            service.name(),
            jar,
            "build the services: cd "
                + layout.home()
                + " && mvn -B -q -DskipTests package (deploy/local/stack up does it for you)");
      }
    }
  }

  /**
   * All checks before the first start, so that a taken port does not leave a half-started stack.
   */
  private void requireFreePortsForWhatIsNotRunning() {
    String hint = "stop that process or choose another port with ";
    if (running(PostgresServer.COMPONENT).isEmpty()) {
      Ports.requireFree(PostgresServer.COMPONENT, ports.postgres(), hint + StackPorts.POSTGRES);
    }
    if (running(KafkaBroker.COMPONENT).isEmpty()) {
      Ports.requireFree(KafkaBroker.COMPONENT, ports.kafka(), hint + StackPorts.KAFKA);
      Ports.requireFree(
          KafkaBroker.COMPONENT, ports.kafkaController(), hint + StackPorts.KAFKA_CONTROLLER);
    }
    if (RegistryServer.available() && running(RegistryServer.COMPONENT).isEmpty()) {
      Ports.requireFree(RegistryServer.COMPONENT, ports.registry(), hint + StackPorts.REGISTRY);
    }
    if (NotaryServer.available() && running(NotaryServer.COMPONENT).isEmpty()) {
      Ports.requireFree(NotaryServer.COMPONENT, ports.notary(), hint + StackPorts.NOTARY);
    }
    if (withServices) {
      for (ServiceDefinition service : ServiceDefinition.ALL) {
        if (running(service.name()).isEmpty()) {
          Ports.requireFree(service.name(), ports.service(service), hint + service.portVariable());
        }
      }
    }
  }

  private String startPostgres() {
    Optional<ProcessHandle> existing = running(PostgresServer.COMPONENT);
    if (existing.isPresent()) {
      reused(PostgresServer.COMPONENT, existing.get(), ports.postgres());
      return Secrets.read(layout.dbPasswordFile())
          .orElseThrow(
              () ->
                  new ConfigurationException(
                      PostgresServer.COMPONENT,
                      layout.dbPasswordFile().toString(),
                      "PostgreSQL runs but its password file is gone; run down, delete "
                          + layout.postgres()
                          + " and run up again"));
    }
    announce(PostgresServer.COMPONENT);
    PostgresServer server =
        PostgresServer.start(
            new PostgresServer.Settings(
                ports.postgres(),
                layout.postgres(),
                layout.log(PostgresServer.COMPONENT),
                true,
                Optional.of(layout.dbPasswordFile()),
                INFRA_READINESS,
                true));
    started(PostgresServer.COMPONENT, server.pid(), ports.postgres());
    return server.password();
  }

  private void startKafka() {
    Optional<ProcessHandle> existing = running(KafkaBroker.COMPONENT);
    if (existing.isPresent()) {
      reused(KafkaBroker.COMPONENT, existing.get(), ports.kafka());
      return;
    }
    announce(KafkaBroker.COMPONENT);
    KafkaBroker broker =
        KafkaBroker.start(
            new KafkaBroker.Settings(
                ports.kafka(),
                ports.kafkaController(),
                layout.kafka(),
                layout.log(KafkaBroker.COMPONENT),
                "512m",
                INFRA_READINESS,
                true,
                List.of(layout.marker())));
    started(KafkaBroker.COMPONENT, broker.pid(), ports.kafka());
  }

  private Optional<String> startRegistry() {
    if (!RegistryServer.available()) {
      rows.add(
          new StackSummary.Row(
              RegistryServer.COMPONENT,
              "-",
              "-",
              "not installed (" + RegistryServer.binary() + ")"));
      return Optional.empty();
    }
    String hostPort = "127.0.0.1:" + ports.registry();
    Optional<ProcessHandle> existing = running(RegistryServer.COMPONENT);
    if (existing.isPresent()) {
      reused(RegistryServer.COMPONENT, existing.get(), ports.registry());
      return Optional.of(hostPort);
    }
    announce(RegistryServer.COMPONENT);
    URI webhook =
        URI.create("http://127.0.0.1:" + ports.service(ServiceDefinition.INTAKE) + WEBHOOK_PATH);
    RegistryServer registry =
        RegistryServer.start(
            new RegistryServer.Settings(
                ports.registry(),
                layout.registry(),
                layout.log(RegistryServer.COMPONENT),
                Optional.of(
                    new RegistryServer.Webhook(
                        webhook, Secrets.readOrCreate(layout.webhookSecretFile()))),
                INFRA_READINESS,
                true));
    started(RegistryServer.COMPONENT, registry.pid(), ports.registry());
    return Optional.of(hostPort);
  }

  /**
   * notary-server next to the registry. Its trust data is in memory: a server started here has
   * none, and {@link DemoNotary} creates the demo repository's again.
   */
  private Optional<String> startNotaryServer() {
    if (!NotaryServer.available()) {
      rows.add(
          new StackSummary.Row(
              NotaryServer.COMPONENT, "-", "-", "not installed (" + NotaryServer.binary() + ")"));
      return Optional.empty();
    }
    String url = NotaryServer.url(ports.notary());
    Optional<ProcessHandle> existing = running(NotaryServer.COMPONENT);
    if (existing.isPresent()) {
      reused(NotaryServer.COMPONENT, existing.get(), ports.notary());
      return Optional.of(url);
    }
    announce(NotaryServer.COMPONENT);
    NotaryServer notary =
        NotaryServer.start(
            new NotaryServer.Settings(
                ports.notary(),
                layout.notaryServer(),
                layout.log(NotaryServer.COMPONENT),
                INFRA_READINESS,
                true));
    started(NotaryServer.COMPONENT, notary.pid(), ports.notary());
    return Optional.of(url);
  }

  /**
   * audit-service's own login role, which its migrations allow only SELECT and INSERT on the
   * ledger; its password is kept in {@code secrets/}, and set again on every {@code up}.
   */
  private String createAuditRole(String dbPassword) {
    String password = Secrets.readOrCreate(layout.auditDbPasswordFile());
    DatabaseRoles.ensureLogin(
        jdbcUrl(), PostgresServer.SUPERUSER, dbPassword, DatabaseRoles.AUDIT, password);
    return password;
  }

  private Map<ServiceDefinition, Process> startServices(
      String dbPassword, String auditDbPassword, Optional<String> registry) {
    Map<ServiceDefinition, Process> launched = new LinkedHashMap<>();
    for (ServiceDefinition service : ServiceDefinition.ALL) {
      Optional<ProcessHandle> existing = running(service.name());
      if (existing.isPresent()) {
        reused(service.name(), existing.get(), ports.service(service));
        continue;
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put("HALLMARK_HTTP_PORT", Integer.toString(ports.service(service)));
      env.put(ExternalInfrastructure.KAFKA_BOOTSTRAP, "127.0.0.1:" + ports.kafka());
      env.put(ExternalInfrastructure.JDBC_URL, jdbcUrl());
      env.put(ExternalInfrastructure.DB_USER, PostgresServer.SUPERUSER);
      env.put(ExternalInfrastructure.DB_PASSWORD, dbPassword);
      env.put(ExternalInfrastructure.REGISTRY, registry.orElse(""));
      // One instance per service, with a name that survives restarts: its Kafka consumers are
      // static group members, so a killed and restarted service takes its partitions back at once
      // instead of waiting out the dead member's session.
      env.put(INSTANCE_ID, LOCAL_INSTANCE);
      if (service.equals(ServiceDefinition.AUDIT)) {
        // Migrations run as the owner above; the service itself connects as its own role.
        env.put("HALLMARK_AUDIT_DB_USER", DatabaseRoles.AUDIT);
        env.put("HALLMARK_AUDIT_DB_PASSWORD", auditDbPassword);
      }
      if (service.receivesWebhookSecret()) {
        env.put("HALLMARK_WEBHOOK_SECRET", Secrets.readOrCreate(layout.webhookSecretFile()));
      }
      env.putAll(demoConfiguration.environmentOf(service));
      List<String> command =
          List.of(
              JavaRuntime.javaBinary().toString(),
              "-Xms64m",
              "-Xmx256m",
              "-XX:+UseSerialGC",
              // C1 only: these JVMs start faster and, on two shared cores, use less CPU than with
              // C2 compiling in the background (stack bench: full tiered JIT was slower and used
              // 20% more memory).
              "-XX:TieredStopAtLevel=1",
              layout.marker(),
              "-Dhallmark.component=" + service.name(),
              "-jar",
              service.jar(layout.home()).toString());
      Path log = layout.log(service.name());
      markStart(log);
      Process process =
          ProcessLauncher.start(service.name(), command, env, layout.home(), log, true);
      PidFile.write(layout.pidFile(service.name()), process.pid());
      launched.put(service, process);
      out.printf(
          "%-20s launched (pid %d, port %d)%n",
          service.name(), process.pid(), ports.service(service));
    }
    return launched;
  }

  /**
   * Polls every launched service until its health is UP; a service that exits fails at once, one
   * that stays unhealthy fails at the deadline, each with the tail of its log.
   */
  private void awaitHealthy(Map<ServiceDefinition, Process> launched, Instant started) {
    Instant deadline = Instant.now().plus(SERVICES_TIMEOUT);
    Map<ServiceDefinition, Process> pending = new LinkedHashMap<>(launched);
    Map<ServiceDefinition, String> lastHealth = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        ServiceDefinition service = entry.getKey();
        if (!entry.getValue().isAlive()) {
          throw new ProcessStartException(
              service.name(),
              "exited with code "
                  + entry.getValue().exitValue()
                  + " before its health was UP;"
                  + " other components keep running, stop them with: deploy/local/stack down",
              LogTail.of(layout.log(service.name())),
              null);
        }
        HealthProbe.Health health = HealthProbe.check(ports.service(service));
        lastHealth.put(service, health.description());
        if (health.up()) {
          it.remove();
          long seconds = Duration.between(started, Instant.now()).toSeconds();
          rows.add(
              new StackSummary.Row(
                  service.name(),
                  Long.toString(entry.getValue().pid()),
                  Integer.toString(ports.service(service)),
                  "started, UP after " + seconds + " s"));
          out.printf("%-20s UP%n", service.name());
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        ServiceDefinition first = pending.keySet().iterator().next();
        for (ServiceDefinition service : pending.keySet()) {
          out.printf(
              "%-20s not UP (last health: %s)%n%s%n",
              service.name(), lastHealth.get(service), LogTail.of(layout.log(service.name())));
        }
        throw new ReadinessTimeoutException(
            first.name(),
            SERVICES_TIMEOUT,
            "health " + lastHealth.get(first) + "; not UP: " + names(pending.keySet()),
            LogTail.of(layout.log(first.name())),
            null);
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  /** Infrastructure first, then the services in their definition order. */
  private static int startOrder(StackSummary.Row row) {
    for (int i = 0; i < ServiceDefinition.ALL.size(); i++) {
      if (ServiceDefinition.ALL.get(i).name().equals(row.component())) {
        return i + 1;
      }
    }
    return 0;
  }

  private Optional<ProcessHandle> running(String component) {
    Path pidFile = layout.pidFile(component);
    Optional<ProcessHandle> live = PidFile.liveProcess(pidFile, layout);
    if (live.isEmpty() && Files.exists(pidFile)) {
      PidFile.delete(pidFile); // stale: the process is gone (or the pid now belongs to another)
    }
    return live;
  }

  private String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + PostgresServer.DATABASE;
  }

  private void announce(String component) {
    out.printf("%-20s starting...%n", component);
  }

  private void started(String component, long pid, int port) {
    PidFile.write(layout.pidFile(component), pid);
    rows.add(
        new StackSummary.Row(component, Long.toString(pid), Integer.toString(port), "started"));
    out.printf("%-20s ready (pid %d, port %d)%n", component, pid, port);
  }

  private void reused(String component, ProcessHandle process, int port) {
    rows.add(
        new StackSummary.Row(
            component, Long.toString(process.pid()), Integer.toString(port), "already running"));
    out.printf("%-20s already running (pid %d)%n", component, process.pid());
  }

  private static void markStart(Path log) {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "=== deploy/local/stack up at " + Instant.now() + " ===\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + log, e);
    }
  }

  private static String names(Iterable<ServiceDefinition> services) {
    List<String> names = new ArrayList<>();
    services.forEach(s -> names.add(s.name()));
    return String.join(", ", names);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessStartException("stack", "interrupted while waiting for services", null, e);
    }
  }
}
