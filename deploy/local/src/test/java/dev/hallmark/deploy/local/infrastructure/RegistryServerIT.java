package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryServerIT {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** What the webhook receiver got: the Authorization header and the body of one request. */
  private record Delivery(String authorization, String body) {}

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private RegistryServer registry;
  private HttpServer receiver;

  @BeforeEach
  void requireRegistryBinary() {
    assumeTrue(
        RegistryServer.available(),
        "docker-registry is not installed at "
            + RegistryServer.binary()
            + " (apt-get install docker-registry); skipping the registry tests");
  }

  @AfterEach
  void stopAll() {
    if (registry != null) {
      registry.stop();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void start_noWebhook_answersApiVersionCheck() throws Exception {
    registry = RegistryServer.start(RegistryServer.Settings.forTests(dir.resolve("reg"), dir));

    HttpResponse<String> response = get("/v2/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(registry.hostPort()).startsWith("127.0.0.1:");
  }

  @Test
  void pushManifest_webhookConfigured_notifiesWithBearerSecretActionMediaTypeAndTag()
      throws Exception {
    BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    receiver.createContext(
        "/api/v1/webhooks/registry",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          deliveries.add(
              new Delivery(exchange.getRequestHeaders().getFirst("Authorization"), body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    String secret = Secrets.generate();
    URI hook =
        URI.create(
            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/api/v1/webhooks/registry");
    registry =
        RegistryServer.start(
            RegistryServer.Settings.forTests(dir.resolve("reg"), dir)
                .withWebhook(new RegistryServer.Webhook(hook, secret)));
    assertThat(Files.getPosixFilePermissions(dir.resolve("reg/config.yml")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "not really a tarball".getBytes(StandardCharsets.UTF_8);
    uploadBlob("hallmark/app", config);
    uploadBlob("hallmark/app", layer);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + digest(config)
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
            + digest(layer)
            + "\",\"size\":"
            + layer.length
            + "}]}";
    HttpResponse<String> pushed =
        send(
            HttpRequest.newBuilder(url("/v2/hallmark/app/manifests/v1"))
                .header("Content-Type", OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);

    Delivery delivery = awaitManifestEvent(deliveries, Duration.ofSeconds(20));
    assertThat(delivery.authorization()).isEqualTo("Bearer " + secret);
    // The registry pretty-prints the envelope, hence whitespace-tolerant field matching.
    assertThat(delivery.body())
        .containsPattern(jsonField("action", "push"))
        .containsPattern(jsonField("mediaType", OCI_MANIFEST))
        .containsPattern(jsonField("repository", "hallmark/app"))
        .containsPattern(jsonField("tag", "v1"));
    assertThat(Files.readString(registry.logFile())).doesNotContain(secret);
  }

  private static Pattern jsonField(String name, String value) {
    return Pattern.compile("\"" + name + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"");
  }

  private static Delivery awaitManifestEvent(BlockingQueue<Delivery> deliveries, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Delivery delivery = deliveries.poll(500, TimeUnit.MILLISECONDS);
      if (delivery != null && delivery.body().contains(OCI_MANIFEST)) {
        return delivery;
      }
    }
    throw new AssertionError("no manifest push notification within " + timeout);
  }

  /** Monolithic upload: POST opens a session, PUT with ?digest= closes it with the content. */
  private void uploadBlob(String repository, byte[] content) throws Exception {
    HttpResponse<String> opened =
        send(
            HttpRequest.newBuilder(url("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    String location = opened.headers().firstValue("Location").orElseThrow();
    URI upload = URI.create("http://" + registry.hostPort()).resolve(location);
    String separator = upload.getRawQuery() == null ? "?" : "&";
    HttpResponse<String> closed =
        send(
            HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest(content)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(201);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://" + registry.hostPort() + path);
  }

  private static String digest(byte[] content) throws NoSuchAlgorithmException {
    return "sha256:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
