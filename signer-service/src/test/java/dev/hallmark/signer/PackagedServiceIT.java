package dev.hallmark.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.SoftHsmToken;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.notary.TufKeys;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.testing.TestDecisionKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service started the way the local stack starts it: {@code java -jar}, settings from
 * {@code HALLMARK_*} variables, keys from an extra YAML file in {@code MICRONAUT_CONFIG_FILES},
 * SoftHSM found through {@code SOFTHSM2_CONF}. The token is chosen by label, which works only if
 * the jar's manifest exports the JDK's PKCS#11 wrapper (the test JVM's own flag does not reach it).
 */
class PackagedServiceIT {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  final Infrastructure infra = TestInfrastructure.shared();
  final SoftHsmToken token = TestToken.shared();

  @TempDir Path dir;

  @Test
  void jar_configuredByEnvAndKeysFile_createsKeyAndServesIt() throws Exception {
    Path jar = Path.of("target/signer-service.jar").toAbsolutePath();
    assertThat(jar).as("packaged by mvn package before failsafe runs").isRegularFile();
    String keyId = "jar-" + UUID.randomUUID().toString().substring(0, 8);
    Path keys =
        Files.writeString(
            dir.resolve("keys.yml"),
            """
            hallmark:
              signer:
                keys:
                  %s:
                    backend: pkcs11
                    algorithm: RSA_2048
                    label: %s
                    create-if-missing: true
            """
                .formatted(keyId, keyId));
    int port = freePort();
    Path log = dir.resolve("signer.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-jar",
                    jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("HALLMARK_") || name.startsWith("MICRONAUT_"));
    env.put("HALLMARK_HTTP_PORT", Integer.toString(port));
    env.put("HALLMARK_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
    env.put("HALLMARK_JDBC_URL", infra.jdbcUrl());
    env.put("HALLMARK_DB_USER", infra.dbUser());
    env.put("HALLMARK_DB_PASSWORD", infra.dbPassword());
    env.put("HALLMARK_PKCS11_LIBRARY", token.library().toString());
    env.put("HALLMARK_PKCS11_PIN_FILE", token.pinFile().toString());
    env.put("HALLMARK_PKCS11_TOKEN_LABEL", token.label());
    env.put("MICRONAUT_CONFIG_FILES", keys.toString());
    // Two trusted decision keys, as while policy-service's key is rotated: paths separated by
    // commas.
    KeyPair next = DecisionKeys.generate();
    Path nextKey =
        Files.writeString(dir.resolve("next-decision-key.pub"), DecisionKeys.pem(next.getPublic()));
    env.put("HALLMARK_DECISION_PUBLIC_KEYS", TestDecisionKey.publicKeyFile() + "," + nextKey);
    env.putAll(token.environment());

    Process process = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      awaitHealthy(http, base, process, log);

      String list = get(http, base + "/api/v1/keys").body();
      assertThat(list)
          .contains("\"id\":\"" + keyId + "\"")
          .contains("\"algorithm\":\"RSA_2048\"")
          .contains("\"backend\":\"pkcs11\"");
      HttpResponse<String> pem = get(http, base + "/api/v1/keys/" + keyId + "/public-key");
      assertThat(pem.statusCode()).isEqualTo(200);
      assertThat(pem.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
      assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----");
      assertCertificateHoldsTheKey(get(http, base + "/api/v1/keys/" + keyId + "/certificate"), pem);
      HttpResponse<String> unknown = get(http, base + "/api/v1/keys/no-such-key/certificate");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      List<String> trusted =
          Stream.of(
                  DecisionKeys.keyIdHex(next.getPublic()),
                  DecisionKeys.keyIdHex(
                      DecisionKeys.readPublicKey(TestDecisionKey.publicKeyFile())))
              .sorted()
              .toList();
      assertThat(Files.readString(log))
          .contains("decisions are trusted if authenticated by key(s) " + trusted)
          .contains("generated RSA_2048 key '" + keyId + "'")
          .doesNotContain(Files.readString(token.pinFile()).trim());
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The certificate is PEM, holds the same public key as {@code /public-key}, and is self-signed by
   * that key (its signature was computed in the token), valid now: what {@code notary delegation
   * add} accepts.
   */
  private static void assertCertificateHoldsTheKey(
      HttpResponse<String> certificate, HttpResponse<String> publicKeyPem) throws Exception {
    assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(200);
    assertThat(certificate.body()).startsWith("-----BEGIN CERTIFICATE-----");
    X509Certificate x509 =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        certificate.body().getBytes(StandardCharsets.US_ASCII)));
    String base64 =
        publicKeyPem
            .body()
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    assertThat(x509.getPublicKey().getEncoded()).isEqualTo(Base64.getDecoder().decode(base64));
    x509.verify(x509.getPublicKey());
    x509.checkValidity();
    assertNotaryClientAccepts(certificate.body(), TufKeys.canonicalKeyId(x509.getPublicKey()));
  }

  /**
   * The real notary client (Debian package {@code notary}) stages the certificate as the {@code
   * targets/releases} delegation key, offline: it checks the certificate as it would before a
   * publish and prints the TUF key id it derived, which must be the one Hallmark derives.
   */
  private static void assertNotaryClientAccepts(String certificatePem, String expectedKeyId)
      throws Exception {
    Path dir = Files.createTempDirectory("hallmark-notary-client");
    Path file = dir.resolve("hallmark.crt");
    Files.writeString(file, certificatePem);
    Process notary =
        new ProcessBuilder(
                "notary",
                "-d",
                dir.resolve("trust").toString(),
                "-s",
                "https://127.0.0.1:1",
                "delegation",
                "add",
                "registry.example/team/app",
                "targets/releases",
                file.toString(),
                "--all-paths")
            .redirectErrorStream(true)
            .start();
    String output = new String(notary.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(notary.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(notary.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("targets/releases with keys [" + expectedKeyId + "]")
        .contains("staged for next publish");
  }

  private static void awaitHealthy(HttpClient http, String base, Process process, Path log)
      throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the service exited:\n" + tail(log));
      }
      try {
        HttpResponse<String> health = get(http, base + "/health");
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not healthy within " + START_TIMEOUT + ":\n" + tail(log));
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
