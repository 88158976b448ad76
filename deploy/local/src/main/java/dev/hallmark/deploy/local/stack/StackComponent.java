package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.deploy.local.infrastructure.NotaryServer;
import dev.hallmark.deploy.local.infrastructure.PostgresServer;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import dev.hallmark.deploy.local.infrastructure.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process of the stack as {@code down} and {@code status} see it.
 *
 * @param name pid and log file name
 * @param port the port it listens on (from {@link StackPorts})
 * @param stopSignal its graceful stop signal
 * @param grace how long the graceful stop may take before SIGKILL
 */
record StackComponent(String name, int port, Signal stopSignal, Duration grace) {

  /**
   * In start order; {@code down} walks it backwards: services, notary-server, registry, Kafka,
   * PostgreSQL.
   */
  static List<StackComponent> all(StackPorts ports) {
    List<StackComponent> components = new ArrayList<>();
    // Fast shutdown: a smart one would wait for the services' pools to disconnect.
    components.add(
        new StackComponent(
            PostgresServer.COMPONENT, ports.postgres(), Signal.INT, Duration.ofSeconds(30)));
    components.add(
        new StackComponent(
            KafkaBroker.COMPONENT, ports.kafka(), Signal.TERM, Duration.ofSeconds(45)));
    components.add(
        new StackComponent(
            RegistryServer.COMPONENT, ports.registry(), Signal.TERM, Duration.ofSeconds(15)));
    components.add(
        new StackComponent(
            NotaryServer.COMPONENT, ports.notary(), Signal.TERM, Duration.ofSeconds(15)));
    for (ServiceDefinition service : ServiceDefinition.ALL) {
      components.add(
          new StackComponent(
              service.name(), ports.service(service), Signal.TERM, Duration.ofSeconds(30)));
    }
    return components;
  }

  static boolean isService(String name) {
    return ServiceDefinition.ALL.stream().anyMatch(s -> s.name().equals(name));
  }
}
