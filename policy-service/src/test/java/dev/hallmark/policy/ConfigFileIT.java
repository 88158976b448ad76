package dev.hallmark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments pass the projects file (shared with intake-service) as an extra configuration file:
 * {@code MICRONAUT_CONFIG_FILES=/path/projects.yml}, or the system property {@code
 * micronaut.config.files}. Checked in process and with the packaged service.
 */
class ConfigFileIT {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String TOKEN_HASH =
      "b9fedb9144fdbf05c458357d9c8d4dbc7110c233415931a1724be84d9bf4b7f2";
  static final String VALID =
      """
      hallmark:
        projects:
          demo:
            submitters:
              ci:
                token-sha256: "%1$s"
              release-bot:
                token-sha256: "%1$s"
            policies:
              default:
                submitters: [ci]
                repositories: ["127.0.0.1:15000/demo/*"]
                tags: ["*"]
                auto-sign-pushes: true
                methods: [cosign]
                key: demo-cosign
              releases:
                submitters: [release-bot]
                repositories: ["127.0.0.1:15000/demo/**", "registry.example/demo/*"]
                tags: ["v*"]
                methods: [cosign, notary]
                key: demo-release
                origin:
                  issuers:
                    - issuer: https://gitlab.example.com
                      jwks-url: https://gitlab.example.com/oauth/discovery/keys
                      audience: hallmark
                  claims:
                    project_path: ["acme/app"]
                    ref_type: tag
          billing:
            policies:
              pushes:
                repositories: ["127.0.0.1:15000/billing/*"]
                auto-sign-pushes: true
                methods: [cosign]
                key: billing-cosign
      """
          .formatted(TOKEN_HASH);
  static final String INVALID =
      """
      hallmark:
        projects:
          demo:
            submitters:
              ci:
                token-sha256: "%s"
            policies:
              default:
                submitters: [ci, cx]
                repositories: []
                methods: [cosgn]
                key: demo-cosign
      """
          .formatted(TOKEN_HASH);
  static final String POLICY_KEY = "hallmark.projects.demo.policies.default";

  final Infrastructure infra = TestInfrastructure.shared();
  @TempDir Path dir;

  @Test
  void configFilesProperty_validFile_projectsAreServedWithoutTokenHashes() throws IOException {
    Path file = write("projects.yml", VALID);
    String previous = System.setProperty("micronaut.config.files", file.toString());
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, serviceProperties());
        HttpClient client = HttpClient.create(server.getURL())) {
      String raw = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/projects"));
      List<Map<String, Object>> projects =
          client
              .toBlocking()
              .retrieve(
                  HttpRequest.GET("/api/v1/projects"),
                  Argument.listOf(Argument.mapOf(String.class, Object.class)));

      assertThat(raw).doesNotContain(TOKEN_HASH).doesNotContainIgnoringCase("token");
      assertThat(projects).extracting(p -> p.get("name")).containsExactly("billing", "demo");
      Map<String, Object> demo = projects.get(1);
      assertThat(demo).containsEntry("submitters", List.of("ci", "release-bot"));
      assertThat((List<Map<String, Object>>) demo.get("policies"))
          .containsExactly(
              Map.of(
                  "name",
                  "default",
                  "version",
                  1,
                  "submitters",
                  List.of("ci"),
                  "repositories",
                  List.of("127.0.0.1:15000/demo/*"),
                  "tags",
                  List.of("*"),
                  "methods",
                  List.of("cosign"),
                  "key",
                  "demo-cosign",
                  "autoSignPushes",
                  true),
              Map.of(
                  "name",
                  "releases",
                  "version",
                  1,
                  "submitters",
                  List.of("release-bot"),
                  "repositories",
                  List.of("127.0.0.1:15000/demo/**", "registry.example/demo/*"),
                  "tags",
                  List.of("v*"),
                  "methods",
                  List.of("cosign", "notary"),
                  "key",
                  "demo-release",
                  "autoSignPushes",
                  false,
                  "origin",
                  Map.of(
                      "issuers",
                      List.of(
                          Map.of(
                              "issuer",
                              "https://gitlab.example.com",
                              "jwksUrl",
                              "https://gitlab.example.com/oauth/discovery/keys",
                              "audience",
                              "hallmark")),
                      "claims",
                      Map.of("project_path", List.of("acme/app"), "ref_type", List.of("tag")),
                      "allowDeclared",
                      false)));
    } finally {
      restore("micronaut.config.files", previous);
    }
  }

  @Test
  void configFilesProperty_invalidFile_failsTheStartNamingEveryBadKey() throws IOException {
    Path file = write("projects.yml", INVALID);
    String previous = System.setProperty("micronaut.config.files", file.toString());
    ApplicationContext context =
        ApplicationContext.builder().properties(serviceProperties()).build();
    try {
      Throwable failure = catchThrowable(context::start);

      assertThat(failure)
          .isNotNull()
          .hasStackTraceContaining(POLICY_KEY + ".submitters: names unknown submitter cx")
          .hasStackTraceContaining(POLICY_KEY + ".repositories: must name at least one pattern")
          .hasStackTraceContaining(POLICY_KEY + ".methods: unknown method cosgn");
    } finally {
      if (context.isRunning()) {
        context.close();
      }
      restore("micronaut.config.files", previous);
    }
  }

  /**
   * The packaged service, started as deployments start it. Kafka is switched off in it: it must not
   * join the consumer group, nor relay the outbox, of the services the other tests start; the file
   * is what is under test.
   */
  @Test
  void configFilesEnvironmentVariable_packagedService_servesTheProjects() throws Exception {
    Path file = write("projects.yml", VALID);
    int port = freePort();
    Map<String, String> env = serviceEnvironment(port);
    env.put("MICRONAUT_CONFIG_FILES", file.toString());
    env.put("KAFKA_ENABLED", "false");
    env.put("HALLMARK_OUTBOX_ENABLED", "false");
    env.put("HALLMARK_TOPICS_PROVISION", "false");
    Path log = dir.resolve("service.log");
    Process service = start(env, log);
    try {
      String body = awaitProjects(service, port, log);

      assertThat(body)
          .contains("\"name\":\"billing\"", "\"name\":\"demo\"", "\"key\":\"demo-release\"")
          .doesNotContain(TOKEN_HASH);
    } finally {
      stop(service);
    }
  }

  @Test
  void configFilesEnvironmentVariable_invalidFile_packagedServiceExitsNamingTheKeys()
      throws Exception {
    Path file = write("projects.yml", INVALID);
    Map<String, String> env = serviceEnvironment(freePort());
    env.put("MICRONAUT_CONFIG_FILES", file.toString());
    Path log = dir.resolve("service.log");
    Process service = start(env, log);
    try {
      assertThat(service.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("service exits on a broken projects file within %s", WAIT)
          .isTrue();

      assertThat(service.exitValue()).isNotZero();
      assertThat(Files.readString(log))
          .contains(POLICY_KEY + ".submitters: names unknown submitter cx")
          .contains(POLICY_KEY + ".methods: unknown method cosgn");
    } finally {
      stop(service);
    }
  }

  @Test
  void decisionKeyFileUnset_packagedServiceExitsNamingTheSetting() throws Exception {
    Path file = write("projects.yml", VALID);
    Map<String, String> env = serviceEnvironment(freePort());
    env.remove("HALLMARK_DECISION_KEY_FILE");
    env.put("MICRONAUT_CONFIG_FILES", file.toString());
    Path log = dir.resolve("service.log");
    Process service = start(env, log);
    try {
      assertThat(service.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("service exits without its decision key within %s", WAIT)
          .isTrue();

      assertThat(service.exitValue()).isNotZero();
      assertThat(Files.readString(log))
          .contains("hallmark.policy.decision-key-file (HALLMARK_DECISION_KEY_FILE) is not set");
    } finally {
      stop(service);
    }
  }

  private Map<String, Object> serviceProperties() {
    Map<String, Object> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestDecisionKey.policyProperties());
    return properties;
  }

  private Map<String, String> serviceEnvironment(int port) {
    Map<String, String> env = new HashMap<>();
    env.put("HALLMARK_DECISION_KEY_FILE", TestDecisionKey.privateKeyFile().toString());
    env.put("HALLMARK_HTTP_PORT", Integer.toString(port));
    env.put("HALLMARK_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
    env.put("HALLMARK_JDBC_URL", infra.jdbcUrl());
    env.put("HALLMARK_DB_USER", infra.dbUser());
    env.put("HALLMARK_DB_PASSWORD", infra.dbPassword());
    return env;
  }

  private static Process start(Map<String, String> env, Path log) throws IOException {
    Path jar = Path.of("target", "policy-service.jar").toAbsolutePath();
    assertThat(jar).as("packaged service (run through mvn verify)").isRegularFile();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Only what the test sets: a HALLMARK_* variable of the developer's shell must not leak in.
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("HALLMARK_") || name.startsWith("MICRONAUT_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static String awaitProjects(Process service, int port, Path log) throws Exception {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/projects"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) {
        throw new AssertionError(
            "service exited with " + service.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        var response = client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 200) {
          return response.body();
        }
      } catch (IOException notYetListening) {
        // the server is still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "service did not answer within " + WAIT + ":\n" + Files.readString(log));
  }

  private static void stop(Process service) throws InterruptedException {
    if (service.isAlive()) {
      service.destroy();
      if (!service.waitFor(15, TimeUnit.SECONDS)) {
        service.destroyForcibly();
        service.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }
}
