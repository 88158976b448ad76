package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.deploy.local.infrastructure.NotaryServer;
import dev.hallmark.deploy.local.infrastructure.PostgresServer;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fixed ports of the local stack, each overridable by an environment variable. */
public record StackPorts(
    int postgres,
    int kafka,
    int kafkaController,
    int registry,
    int notary,
    Map<ServiceDefinition, Integer> services) {
  public static final String POSTGRES = "HALLMARK_PG_PORT";
  public static final String KAFKA = "HALLMARK_KAFKA_PORT";
  public static final String KAFKA_CONTROLLER = "HALLMARK_KAFKA_CONTROLLER_PORT";
  public static final String REGISTRY = "HALLMARK_REGISTRY_PORT";
  public static final String NOTARY = "HALLMARK_NOTARY_PORT";

  public StackPorts {
    services = Map.copyOf(services);
  }

  public static StackPorts fromEnvironment(Map<String, String> env) {
    Map<ServiceDefinition, Integer> services = new LinkedHashMap<>();
    for (ServiceDefinition service : ServiceDefinition.ALL) {
      services.put(service, port(env, service.portVariable(), service.defaultPort()));
    }
    StackPorts ports =
        new StackPorts(
            port(env, POSTGRES, PostgresServer.DEFAULT_PORT),
            port(env, KAFKA, KafkaBroker.DEFAULT_PORT),
            port(env, KAFKA_CONTROLLER, KafkaBroker.DEFAULT_CONTROLLER_PORT),
            port(env, REGISTRY, RegistryServer.DEFAULT_PORT),
            port(env, NOTARY, NotaryServer.DEFAULT_PORT),
            services);
    ports.requireDistinct();
    return ports;
  }

  /**
   * Two components given one port would fail late and confusingly (the second cannot bind after the
   * first has started), so the clash is refused before anything starts.
   */
  private void requireDistinct() {
    Map<Integer, String> owners = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> entry : byVariable().entrySet()) {
      String earlier = owners.putIfAbsent(entry.getValue(), entry.getKey());
      if (earlier != null) {
        throw new ConfigurationException(
            "stack",
            entry.getKey(),
            "port " + entry.getValue() + " is already the port of " + earlier);
      }
    }
  }

  private Map<String, Integer> byVariable() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(POSTGRES, postgres);
    ports.put(KAFKA, kafka);
    ports.put(KAFKA_CONTROLLER, kafkaController);
    ports.put(REGISTRY, registry);
    ports.put(NOTARY, notary);
    services.forEach((service, port) -> ports.put(service.portVariable(), port));
    return ports;
  }

  public int service(ServiceDefinition service) {
    return services.get(service);
  }

  /** The stack needs known ports (URLs in stack.env), so 0 is refused here. */
  private static int port(Map<String, String> env, String variable, int fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("stack", variable, "'" + value + "' is not a port (1-65535)");
  }
}
