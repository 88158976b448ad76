package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.StackEnvFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole local stack for one test class: {@code deploy/local/stack up} in a state directory and on
 * free ports of its own (a developer's stack is not touched), {@code down} at the end, and the HTTP
 * calls the tests make against it.
 */
final class StackSession {
  static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
  static final List<String> PORT_VARIABLES =
      List.of(
          "HALLMARK_INTAKE_PORT",
          "HALLMARK_POLICY_PORT",
          "HALLMARK_SIGNER_PORT",
          "HALLMARK_PUBLISHER_PORT",
          "HALLMARK_AUDIT_PORT",
          "HALLMARK_REGISTRY_PORT",
          "HALLMARK_NOTARY_PORT",
          "HALLMARK_KAFKA_PORT",
          "HALLMARK_KAFKA_CONTROLLER_PORT",
          "HALLMARK_PG_PORT");

  private final Path root = ProjectRoot.find();
  private final Map<String, String> processEnv = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Map<String, String> stackEnv;
  private Path stateDir;
  private String upOutput;

  /** Starts the stack without the demo push; fails the test class if it does not come up. */
  static StackSession up(String... options) throws Exception {
    return upWith(Map.of(), options);
  }

  /**
   * As {@link #up}, with extra environment for {@code stack up}, which its services inherit (e.g.
   * {@code HALLMARK_KAFKA_RETRY_ATTEMPTS}).
   */
  static StackSession upWith(Map<String, String> environment, String... options) throws Exception {
    StackSession session = new StackSession();
    session.processEnv.putAll(environment);
    Path stateDir = Files.createTempDirectory("hallmark-e2e-stack");
    session.stateDir = stateDir;
    session.processEnv.put("HALLMARK_STACK_DIR", stateDir.toString());
    session.processEnv.put("HALLMARK_SKIP_BUILD", "1"); // the reactor packaged the services
    List<Integer> ports = distinctFreePorts(PORT_VARIABLES.size());
    for (int i = 0; i < PORT_VARIABLES.size(); i++) {
      session.processEnv.put(PORT_VARIABLES.get(i), Integer.toString(ports.get(i)));
    }
    List<String> args = new ArrayList<>(List.of("up"));
    args.addAll(List.of(options));
    CommandResult result = session.stack(args.toArray(String[]::new));
    assertThat(result.exitCode()).as("stack up output:%n%s", result.output()).isZero();
    session.upOutput = result.output();
    session.stackEnv = StackEnvFile.read(stateDir.resolve("stack.env"));
    return session;
  }

  /** What {@code stack up} printed. */
  String upOutput() {
    return upOutput;
  }

  /** The stack's state directory ({@code HALLMARK_STACK_DIR}). */
  Path stateDir() {
    return stateDir;
  }

  /** Every value of {@code stack.env}. */
  Map<String, String> stackEnv() {
    return stackEnv;
  }

  /** The port the stack was given for one of {@link #PORT_VARIABLES}. */
  int port(String variable) {
    return Integer.parseInt(processEnv.get(variable));
  }

  void down() throws Exception {
    CommandResult result = stack("down");
    assertThat(result.exitCode()).as("stack down output:%n%s", result.output()).isZero();
  }

  /** A value of {@code stack.env}. */
  String env(String name) {
    String value = stackEnv.get(name);
    assertThat(value).as("%s in stack.env", name).isNotNull();
    return value;
  }

  HttpResponse<String> send(String method, String url, String bearer, String jsonBody)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls intake's status of a request until it reads {@code expected}; its JSON then. */
  String awaitStatus(String id, String ciToken, String expected) throws Exception {
    String url = env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests/" + id;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String body = send("GET", url, ciToken, null).body();
    while (!body.contains("\"status\":\"" + expected + "\"") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      body = send("GET", url, ciToken, null).body();
    }
    assertThat(body).contains("\"status\":\"" + expected + "\"");
    return body;
  }

  CommandResult stack(String... args) throws IOException, InterruptedException {
    Path output = Files.createTempFile("hallmark-e2e-stack", ".log");
    Process process = launch(output, args);
    if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "stack " + String.join(" ", args) + " did not finish within " + COMMAND_TIMEOUT);
    }
    return new CommandResult(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** Starts {@code deploy/local/stack args} without waiting; its output goes to {@code output}. */
  Process launch(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("deploy/local/stack").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(processEnv);
    return builder.start();
  }

  /**
   * Free ports that differ from each other: all are held open at once, because the kernel may hand
   * out a port again as soon as its socket is closed (postgres and signer-service once got the same
   * one, and the signer could not bind).
   */
  private static List<Integer> distinctFreePorts(int count) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }

  record CommandResult(int exitCode, String output) {}
}
