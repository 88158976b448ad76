package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real notary-server and the real notary client: Docker Content Trust as DCT clients see it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NotaryServerIT {
  private static final String GUN = "127.0.0.1:15000/demo/app";
  private static final String DIGEST = "a".repeat(64);

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private NotaryServer server;

  @BeforeEach
  void requireNotaryBinaries() {
    assumeTrue(
        NotaryServer.available() && NotaryCli.available(),
        "notary-server or notary is not installed at "
            + NotaryServer.binary()
            + " / "
            + NotaryCli.binary()
            + " (apt-get install notary); skipping the Notary tests");
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void start_freePort_answersHealthAndApiVersionCheck() throws Exception {
    server = NotaryServer.start(NotaryServer.Settings.forTests(dir.resolve("notary"), dir));

    assertThat(get(server.url() + NotaryServer.HEALTH_PATH).statusCode()).isEqualTo(200);
    assertThat(get(server.url() + "/v2/").statusCode()).isEqualTo(200);
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.isRunning()).isTrue();
  }

  @Test
  void initializeRepository_delegationCertificate_publishesPinnedRootAndReleasesDelegation()
      throws Exception {
    server = NotaryServer.start(NotaryServer.Settings.forTests(dir.resolve("notary"), dir));
    NotaryCli cli = NotaryCli.open(dir.resolve("client"), server.url());

    NotaryCli.RootPin pin = cli.initializeRepository(GUN, delegationCertificate());

    assertThat(pin.gun()).isEqualTo(GUN);
    assertThat(pin.rootKeyId()).matches("[0-9a-f]{64}");
    assertThat(cli.publishedRootKeyId(GUN)).contains(pin.rootKeyId());
    JsonNode root = json(server.url() + "/v2/" + GUN + "/_trust/tuf/root.json");
    assertThat(root.path("signed").path("keys").path(pin.rootKeyId()).path("keytype").asText())
        .isEqualTo("ecdsa-x509");
    JsonNode targets = json(server.url() + "/v2/" + GUN + "/_trust/tuf/targets.json");
    assertThat(
            targets.path("signed").path("delegations").path("roles").path(0).path("name").asText())
        .isEqualTo(NotaryCli.RELEASES_ROLE);
    assertThat(
            Files.getPosixFilePermissions(dir.resolve("client").resolve(NotaryCli.PASSPHRASE_FILE)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("client")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void list_pinnedRootAfterAddHashAndPublish_showsTargetSignedByTargetsKey() {
    server = NotaryServer.start(NotaryServer.Settings.forTests(dir.resolve("notary"), dir));
    NotaryCli cli = NotaryCli.open(dir.resolve("client"), server.url());
    NotaryCli.RootPin pin = cli.initializeRepository(GUN, delegationCertificate());
    assertThat(cli.list(GUN, pin)).isEmpty();

    cli.addHashAndPublish(GUN, "v1", DIGEST, 1234);
    cli.addHashes(
        GUN,
        List.of(
            new NotaryCli.TargetHash("v2", "b".repeat(64), 99),
            new NotaryCli.TargetHash("v3", "c".repeat(64), 98)));
    cli.publish(GUN);

    assertThat(cli.list(GUN, pin))
        .containsExactlyInAnyOrder(
            new NotaryCli.Target("v1", DIGEST, 1234, "targets"),
            new NotaryCli.Target("v2", "b".repeat(64), 99, "targets"),
            new NotaryCli.Target("v3", "c".repeat(64), 98, "targets"));
  }

  @Test
  void list_wrongRootKeyId_failsWithoutPassphraseInMessage() throws Exception {
    server = NotaryServer.start(NotaryServer.Settings.forTests(dir.resolve("notary"), dir));
    NotaryCli cli = NotaryCli.open(dir.resolve("client"), server.url());
    cli.initializeRepository(GUN, delegationCertificate());
    String passphrase =
        Files.readString(dir.resolve("client").resolve(NotaryCli.PASSPHRASE_FILE)).trim();

    assertThatThrownBy(() -> cli.list(GUN, new NotaryCli.RootPin(GUN, "d".repeat(64))))
        .isInstanceOf(NotaryCommandException.class)
        .hasMessageContaining("notary list " + GUN)
        .hasMessageContaining("trust_pinning")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(passphrase));
    assertThat(Files.readString(server.logFile())).doesNotContain(passphrase);
  }

  @Test
  void initializeRepository_serverAlreadyHasTrustData_failsUntilDeleted() {
    server = NotaryServer.start(NotaryServer.Settings.forTests(dir.resolve("notary"), dir));
    NotaryCli cli = NotaryCli.open(dir.resolve("client"), server.url());
    NotaryCli.RootPin first = cli.initializeRepository(GUN, delegationCertificate());

    assertThatThrownBy(() -> cli.initializeRepository(GUN, delegationCertificate()))
        .isInstanceOf(NotaryCommandException.class)
        .hasMessageContaining("already has trust data");

    cli.deleteRepository(GUN);
    assertThat(cli.publishedRootKeyId(GUN)).isEmpty();
    NotaryCli.RootPin second = cli.initializeRepository(GUN, delegationCertificate());
    assertThat(second.rootKeyId()).isNotEqualTo(first.rootKeyId());
    assertThat(cli.list(GUN, second)).isEmpty();
    assertThatThrownBy(() -> cli.list(GUN, first)).isInstanceOf(NotaryCommandException.class);
  }

  /**
   * A self-signed ECDSA P-256 certificate, as signer-service serves for its keys, made with the
   * JDK's keytool (the key stays in a throwaway keystore).
   */
  private Path delegationCertificate() {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path store = dir.resolve("delegation-" + System.nanoTime() + ".p12");
    Path pem = dir.resolve("delegation-" + System.nanoTime() + ".crt");
    keytool(
        keytool,
        "-genkeypair",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-alias",
        "releases",
        "-dname",
        "CN=hallmark-it",
        "-validity",
        "3650",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit");
    keytool(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "releases",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    return pem;
  }

  private void keytool(Path keytool, String... args) {
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("keytool.log").toFile())
              .start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
      assertThat(process.exitValue())
          .as("keytool %s: %s", args[0], Files.readString(dir.resolve("keytool.log")))
          .isZero();
    } catch (Exception e) {
      throw new AssertionError("keytool " + args[0] + " failed", e);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String url) throws Exception {
    HttpResponse<String> response = get(url);
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
