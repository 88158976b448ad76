package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.OsProcesses;
import dev.hallmark.deploy.local.infrastructure.Ports;
import dev.hallmark.deploy.local.infrastructure.Signal;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** {@code stack down}: stops what {@code up} started, newest first, each stop bounded. */
final class StackDown {
  private final StackLayout layout;
  private final StackPorts ports;
  private final PrintStream out;

  StackDown(StackLayout layout, StackPorts ports, PrintStream out) {
    this.layout = layout;
    this.ports = ports;
    this.out = out;
  }

  /**
   * @return true if nothing of this stack is left running
   */
  boolean run() {
    Instant started = Instant.now();
    List<StackComponent> components = new ArrayList<>(StackComponent.all(ports));
    Collections.reverse(components);
    // The services do not depend on each other: they stop in parallel, then the infrastructure
    // one by one (registry, Kafka, PostgreSQL) once nothing uses it any more.
    List<StackComponent> services =
        components.stream().filter(c -> StackComponent.isService(c.name())).toList();
    services.parallelStream().forEach(this::stop);
    components.stream().filter(c -> !services.contains(c)).forEach(this::stop);
    sweepLeftovers();

    boolean clean = true;
    for (StackComponent component : StackComponent.all(ports)) {
      if (!Ports.isFree(component.port())) {
        out.printf(
            "%-20s port %d is still in use, not by a process of this stack%n",
            component.name(), component.port());
      }
    }
    List<ProcessHandle> survivors = StackProcesses.all(layout);
    for (ProcessHandle survivor : survivors) {
      clean = false;
      out.printf("still running: pid %d %s%n", survivor.pid(), OsProcesses.commandLine(survivor));
    }
    out.printf(
        "Stack %s in %.1f s.%n",
        clean ? "down" : "NOT fully down",
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
    return clean;
  }

  private void stop(StackComponent component) {
    Path pidFile = layout.pidFile(component.name());
    Optional<ProcessHandle> process = PidFile.liveProcess(pidFile, layout);
    if (process.isEmpty()) {
      PidFile.delete(pidFile);
      out.printf("%-20s not running%n", component.name());
      return;
    }
    long pid = process.get().pid();
    Instant start = Instant.now();
    boolean graceful =
        OsProcesses.stop(component.name(), pid, component.stopSignal(), component.grace());
    PidFile.delete(pidFile);
    out.printf(
        "%-20s stopped (pid %d, %s, %.1f s)%n",
        component.name(),
        pid,
        graceful ? "gracefully" : "killed after " + component.grace().toSeconds() + " s",
        Duration.between(start, Instant.now()).toMillis() / 1000.0);
  }

  /**
   * Processes of this stack without a pid file (a lost file, an interrupted {@code up}, the {@code
   * runuser} in front of PostgreSQL): found by their command line, stopped the same way.
   */
  private void sweepLeftovers() {
    for (ProcessHandle leftover : StackProcesses.all(layout)) {
      // runuser exits by itself once its postgres is gone; give it a moment first.
      if (OsProcesses.awaitExit(leftover, Duration.ofSeconds(2))) {
        continue;
      }
      boolean postgres = OsProcesses.commandLine(leftover).contains(layout.postgres().toString());
      out.printf("stopping leftover pid %d%n", leftover.pid());
      OsProcesses.stop(
          "leftover", leftover.pid(), postgres ? Signal.INT : Signal.TERM, Duration.ofSeconds(20));
    }
  }
}
