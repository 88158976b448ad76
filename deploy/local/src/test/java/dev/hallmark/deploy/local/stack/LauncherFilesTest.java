package dev.hallmark.deploy.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.demo.DemoProject;
import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import dev.hallmark.deploy.local.infrastructure.KafkaBrokerFiles;
import dev.hallmark.deploy.local.infrastructure.LogTail;
import dev.hallmark.deploy.local.infrastructure.NotaryServerConfig;
import dev.hallmark.deploy.local.infrastructure.RegistryConfig;
import dev.hallmark.deploy.local.infrastructure.RegistryServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration files the launcher writes. */
class LauncherFilesTest {
  @TempDir Path dir;

  @Test
  void serverProperties_combinedMode_disablesAutoCreateAndListensOnLoopback() {
    String properties = KafkaBrokerFiles.serverProperties(19092, 19093, Path.of("/tmp/k/data"));

    assertThat(properties)
        .contains("process.roles=broker,controller")
        .contains("node.id=1")
        .contains("controller.quorum.voters=1@127.0.0.1:19093")
        .contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .contains("auto.create.topics.enable=false")
        .contains("offsets.topic.replication.factor=1")
        .contains("group.initial.rebalance.delay.ms=0");
  }

  @Test
  void registryConfig_withWebhook_hasBearerHeaderAndIgnoresBlobEvents() {
    String yaml =
        RegistryConfig.render(
            15000,
            Path.of("/tmp/r/data"),
            Optional.of(
                new RegistryServer.Webhook(URI.create("http://127.0.0.1:8080/hook"), "s3cret")));

    assertThat(yaml)
        .contains("addr: 127.0.0.1:15000")
        .contains("level: warn")
        .contains("rootdirectory: \"/tmp/r/data\"")
        .contains("enabled: true")
        .contains("- name: hallmark")
        .contains("url: \"http://127.0.0.1:8080/hook\"")
        .contains("Authorization: [\"Bearer s3cret\"]")
        .contains("timeout: 2s")
        .contains("threshold: 5")
        .contains("backoff: 1s")
        .contains("- application/octet-stream");
  }

  @Test
  void registryConfig_withoutWebhook_hasNoNotifications() {
    assertThat(RegistryConfig.render(15000, Path.of("/d"), Optional.empty()))
        .doesNotContain("notifications");
  }

  @Test
  void notaryServerConfig_port_isMemoryStorageLocalTrustServiceOnLoopback() throws Exception {
    JsonNode config = new ObjectMapper().readTree(NotaryServerConfig.render(4443));

    assertThat(config.at("/server/http_addr").asText()).isEqualTo("127.0.0.1:4443");
    assertThat(config.at("/server/tls_cert_file").isMissingNode()).isTrue();
    assertThat(config.at("/trust_service/type").asText()).isEqualTo("local");
    assertThat(config.at("/trust_service/key_algorithm").asText()).isEqualTo("ecdsa");
    assertThat(config.at("/storage/backend").asText()).isEqualTo("memory");
  }

  @Test
  void demoProject_render_signsDemoAppWithCosignAndNotaryAndOtherDemoReposWithCosign() {
    String yaml = DemoProject.render("127.0.0.1:15000", "ab12", "cd34", "ef56");

    assertThat(yaml)
        .contains("token-sha256: \"ab12\"")
        .containsSubsequence(
            "default:",
            "repositories: [\"127.0.0.1:15000/demo/app\"]",
            "auto-sign-pushes: true",
            "methods: [cosign, notary]",
            "key: demo-cosign",
            "cosign:",
            "repositories: [\"127.0.0.1:15000/demo/*\"]",
            "auto-sign-pushes: true",
            "methods: [cosign]",
            "key: demo-cosign",
            "rsa:",
            "repositories: [\"127.0.0.1:15000/demo/*\"]",
            "methods: [cosign]",
            "key: demo-cosign-rsa",
            "builds:",
            "repositories: [\"127.0.0.1:15000/builds/*\"]",
            "methods: [cosign]",
            "key: demo-cosign");
    // Only the two push policies auto-sign: rsa, builds and release answer CI requests alone.
    assertThat(yaml.split("auto-sign-pushes: true", -1)).hasSize(3);
  }

  @Test
  void demoProject_render_releaseWaitsForTwoApproversOfGroupRelease() {
    String yaml = DemoProject.render("127.0.0.1:15000", "ab12", "cd34", "ef56");

    assertThat(yaml)
        .containsSubsequence(
            "approvers:",
            "alice:",
            "token-sha256: \"cd34\"",
            "groups: [release]",
            "bob:",
            "token-sha256: \"ef56\"",
            "groups: [release]",
            "policies:")
        .containsSubsequence(
            "release:",
            "submitters: [ci]",
            "repositories: [\"127.0.0.1:15000/demo/*\"]",
            "methods: [cosign]",
            "key: demo-cosign",
            "approval:",
            "required: 2",
            "group: release",
            "expires-after: 24h");
  }

  @Test
  void webhookToString_always_hidesSecret() {
    assertThat(new RegistryServer.Webhook(URI.create("http://h/x"), "s3cret").toString())
        .doesNotContain("s3cret");
  }

  @Test
  void stackEnvFile_write_isOwnerOnlyAndSourceable() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("HALLMARK_INTAKE_URL", "http://127.0.0.1:8080");
    values.put("HALLMARK_DB_PASSWORD", "a-b_c");
    values.put("HALLMARK_ODD", "it's $x");
    Path file = dir.resolve("stack.env");

    StackEnvFile.write(file, values);

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readAllLines(file))
        .contains(
            "HALLMARK_INTAKE_URL=http://127.0.0.1:8080",
            "HALLMARK_DB_PASSWORD=a-b_c",
            "HALLMARK_ODD='it'\\''s $x'");
  }

  @Test
  void decisionKeyPair_firstUp_createsEd25519PairPrivateOwnerOnly_laterUpKeepsIt()
      throws Exception {
    StackLayout layout = StackLayout.of(dir, Map.of());

    DecisionKeyPair created = DecisionKeyPair.createIfMissing(layout);
    String privatePem = Files.readString(created.privateKeyFile());
    DecisionKeyPair again = DecisionKeyPair.createIfMissing(layout);

    assertThat(created.privateKeyFile())
        .isEqualTo(dir.resolve(".local-stack/keys/policy-decisions.pem"));
    assertThat(Files.getPosixFilePermissions(created.privateKeyFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(created.publicKeyFile()))
        .startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(Files.readString(again.privateKeyFile())).isEqualTo(privatePem);
    // The files are a pair: what one signs, the other verifies.
    KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(ed25519.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem))));
    signature.update(new byte[] {1});
    byte[] signed = signature.sign();
    signature.initVerify(
        ed25519.generatePublic(
            new X509EncodedKeySpec(der(Files.readString(created.publicKeyFile())))));
    signature.update(new byte[] {1});
    assertThat(signature.verify(signed)).isTrue();
  }

  @Test
  void decisionKeyPair_publicKeyLost_isAnErrorNotANewPair() throws Exception {
    StackLayout layout = StackLayout.of(dir, Map.of());
    DecisionKeyPair created = DecisionKeyPair.createIfMissing(layout);
    Files.delete(created.publicKeyFile());

    assertThatThrownBy(() -> DecisionKeyPair.createIfMissing(layout))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is missing beside its private key");
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder()
        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
  }

  @Test
  void logTail_longLog_returnsLastLines() throws Exception {
    Path log = dir.resolve("x.log");
    StringBuilder content = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      content.append("line ").append(i).append('\n');
    }
    Files.writeString(log, content);

    String tail = LogTail.of(log, 3);

    assertThat(tail).contains("line 98", "line 99", "line 100").doesNotContain("line 97");
  }

  @Test
  void healthInterpret_micronautUpBody_isUp() {
    assertThat(HealthProbe.interpret(200, "{\"name\":\"intake\",\"status\":\"UP\"}").up()).isTrue();
    assertThat(HealthProbe.interpret(503, "{\"status\":\"DOWN\"}").description())
        .isEqualTo("DOWN (HTTP 503)");
  }
}
