package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.deploy.local.infrastructure.NotaryServer;
import dev.hallmark.deploy.local.infrastructure.PostgresServer;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import dev.hallmark.deploy.local.infrastructure.Secrets;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** {@code stack status}: one line per component, with a real health check of each. */
final class StackStatus {
  private final StackLayout layout;
  private final StackPorts ports;
  private final PrintStream out;

  StackStatus(StackLayout layout, StackPorts ports, PrintStream out) {
    this.layout = layout;
    this.ports = ports;
    this.out = out;
  }

  /**
   * @return true if every component runs and is healthy
   */
  boolean run() {
    List<StackSummary.Row> rows = new ArrayList<>();
    boolean allUp = true;
    for (StackComponent component : StackComponent.all(ports)) {
      if ((component.name().equals(RegistryServer.COMPONENT) && !RegistryServer.available())
          || (component.name().equals(NotaryServer.COMPONENT) && !NotaryServer.available())) {
        rows.add(new StackSummary.Row(component.name(), "-", "-", "not installed"));
        continue;
      }
      Optional<ProcessHandle> process =
          PidFile.liveProcess(layout.pidFile(component.name()), layout);
      String pid = process.map(p -> Long.toString(p.pid())).orElse("-");
      String health = process.isPresent() ? health(component) : "-";
      boolean up = process.isPresent() && health.equals("UP");
      allUp &= up;
      rows.add(
          new StackSummary.Row(
              component.name(),
              pid,
              Integer.toString(component.port()),
              (process.isPresent() ? "running" : "stopped") + ", health " + health));
    }
    StackSummary.print(out, rows);
    return allUp;
  }

  private String health(StackComponent component) {
    try {
      return switch (component.name()) {
        case PostgresServer.COMPONENT -> postgresHealth();
        case KafkaBroker.COMPONENT -> kafkaHealth();
        case RegistryServer.COMPONENT ->
            RegistryServer.apiVersionCheck(component.port()) == 200 ? "UP" : "DOWN";
        case NotaryServer.COMPONENT ->
            NotaryServer.healthCheck(component.port()) == 200 ? "UP" : "DOWN";
        default -> HealthProbe.check(component.port()).description();
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    } catch (Exception e) {
      return "DOWN (" + e.getClass().getSimpleName() + ")";
    }
  }

  private String postgresHealth() throws Exception {
    Optional<String> password = Secrets.read(layout.dbPasswordFile());
    if (password.isEmpty()) {
      return "unknown (no password file)";
    }
    try (Connection connection =
        PostgresServer.connect(ports.postgres(), PostgresServer.DATABASE, password.get())) {
      return connection.isValid(3) ? "UP" : "DOWN";
    }
  }

  private String kafkaHealth() throws Exception {
    try (Admin admin = KafkaBroker.admin("127.0.0.1:" + ports.kafka())) {
      return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty() ? "DOWN" : "UP";
    }
  }
}
