package dev.hallmark.testing;

import dev.hallmark.deploy.local.infrastructure.HallmarkHome;
import dev.hallmark.deploy.local.stack.StackEnvFile;
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
 * calls the tests make against it: submitting a CI request and awaiting a request's status.
 */
public final class StackSession {
  public static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
  public static final Duration STATUS_WAIT = Duration.ofSeconds(60);
  public static final List<String> PORT_VARIABLES =
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

  private final Path root = HallmarkHome.locate();
  private final Map<String, String> processEnv = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Map<String, String> stackEnv;
  private Path stateDir;
  private String upOutput;

  /** Starts the stack without the demo push; fails the test class if it does not come up. */
  public static StackSession up(String... options) throws Exception {
    return upWith(Map.of(), options);
  }

  /**
   * As {@link #up}, with extra environment for {@code stack up}, which its services inherit (e.g.
   * {@code HALLMARK_KAFKA_RETRY_ATTEMPTS}).
   */
  public static StackSession upWith(Map<String, String> environment, String... options)
      throws Exception {
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
    result.assertSucceeded("stack up");
    session.upOutput = result.output();
    session.stackEnv = StackEnvFile.read(stateDir.resolve("stack.env"));
    return session;
  }

  /** What {@code stack up} printed. */
  public String upOutput() {
    return upOutput;
  }

  /** The stack's state directory ({@code HALLMARK_STACK_DIR}). */
  public Path stateDir() {
    return stateDir;
  }

  /** Every value of {@code stack.env}. */
  public Map<String, String> stackEnv() {
    return stackEnv;
  }

  /** The port the stack was given for one of {@link #PORT_VARIABLES}. */
  public int port(String variable) {
    return Integer.parseInt(processEnv.get(variable));
  }

  public void down() throws Exception {
    stack("down").assertSucceeded("stack down");
  }

  /** A value of {@code stack.env}. */
  public String env(String name) {
    String value = stackEnv.get(name);
    if (value == null) {
      throw new AssertionError(name + " is not in stack.env");
    }
    return value;
  }

  public HttpResponse<String> send(String method, String url, String bearer, String jsonBody)
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

  /** A GET with this bearer token (none if null). */
  public HttpResponse<String> get(String url, String bearer)
      throws IOException, InterruptedException {
    return send("GET", url, bearer, null);
  }

  /** Posts a signing request to intake's CI API with the stack's CI token. */
  public HttpResponse<String> submit(String jsonBody) throws IOException, InterruptedException {
    return send(
        "POST",
        env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests",
        env("HALLMARK_CI_TOKEN"),
        jsonBody);
  }

  /**
   * Polls intake's status of a request, with the stack's CI token, until it reads {@code expected};
   * its JSON then.
   */
  public String awaitStatus(String id, String expected) throws Exception {
    return awaitStatus(id, env("HALLMARK_CI_TOKEN"), expected);
  }

  /**
   * Polls intake's status of a request until it reads {@code expected}, for {@link #STATUS_WAIT};
   * its JSON then.
   */
  public String awaitStatus(String id, String ciToken, String expected) throws Exception {
    return awaitStatus(id, ciToken, expected, STATUS_WAIT);
  }

  /** Polls intake's status of a request until it reads {@code expected}; its JSON then. */
  public String awaitStatus(String id, String ciToken, String expected, Duration timeout)
      throws Exception {
    String url = env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests/" + id;
    return Await.until(
        "request " + id + " " + expected,
        timeout,
        () -> get(url, ciToken).body(),
        body -> body.contains("\"status\":\"" + expected + "\""));
  }

  /** Runs {@code deploy/local/stack} with these arguments against this stack. */
  public CommandResult stack(String... args) throws IOException, InterruptedException {
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
  public Process launch(Path output, String... args) throws IOException {
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

  /** A finished {@code stack} command: its exit code and everything it printed. */
  public record CommandResult(int exitCode, String output) {
    void assertSucceeded(String what) {
      if (exitCode != 0) {
        throw new AssertionError(what + " exited " + exitCode + "; output:\n" + output);
      }
    }
  }
}
