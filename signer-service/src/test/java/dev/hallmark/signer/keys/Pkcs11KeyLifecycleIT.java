package dev.hallmark.signer.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.SoftHsmToken;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.signer.TestToken;
import dev.hallmark.signer.signers.KeyTypeMismatchException;
import dev.hallmark.signer.signers.Pkcs11Signer;
import dev.hallmark.signer.signers.SigningAlgorithm;
import dev.hallmark.signer.tuf.TufSignatures;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Signature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keys in a real SoftHSM2 token: generated inside it on the first start, not extractable, found
 * again by label on the next start; misconfigurations stop the start.
 */
class Pkcs11KeyLifecycleIT {
  static final byte[] DATA = "payload".getBytes(StandardCharsets.UTF_8);

  final Infrastructure infra = TestInfrastructure.shared();
  final SoftHsmToken token = TestToken.shared();

  @Test
  void start_keyMissing_isGeneratedInTokenNotExtractableAndReusedOnNextStart() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String ecId = "life-ec-" + suffix;
    String rsaId = "life-rsa-" + suffix;
    Map<String, Object> first = base();
    first.putAll(TestToken.properties());
    key(first, ecId, "ECDSA_P256", "life-ec-" + suffix, true);
    key(first, rsaId, "RSA_3072", "life-rsa-" + suffix, true);

    byte[] ecPublic;
    byte[] rsaPublic;
    byte[] ecCertificate;
    try (ApplicationContext context = ApplicationContext.run(first)) {
      SigningKeys keys = context.getBean(SigningKeys.class);
      SigningKey ec = keys.get(ecId);
      SigningKey rsa = keys.get(rsaId);
      assertNotExtractable(ec);
      assertNotExtractable(rsa);
      assertThat(ec.algorithm()).isEqualTo(SigningAlgorithm.ECDSA_P256);
      assertThat(rsa.algorithm()).isEqualTo(SigningAlgorithm.RSA_3072);
      assertThat(verifies(ec, "SHA256withECDSA")).isTrue();
      assertThat(verifies(rsa, "SHA256withRSA")).isTrue();
      ecPublic = ec.signer().publicKey().getEncoded();
      rsaPublic = rsa.signer().publicKey().getEncoded();
      ecCertificate = ec.signer().certificate().orElseThrow().getEncoded();
      assertThat(tufSignatureVerifies(ec)).as("Notary (TUF) signature by the HSM key").isTrue();
      assertThat(context.getBean(SigningKeyRepository.class).findById(ecId))
          .hasValueSatisfying(
              row -> {
                assertThat(row.fingerprint()).isEqualTo(ec.fingerprint());
                assertThat(row.backend()).isEqualTo("pkcs11");
                assertThat(row.algorithm()).isEqualTo("ECDSA_P256");
                assertThat(row.publicKeyPem()).isEqualTo(ec.publicKeyPem());
              });
    }

    // What the token says, asked from another process (which sees token objects only).
    String objects = listObjects();
    assertThat(privateKeyBlock(objects, "life-ec-" + suffix))
        .contains("sensitive, always sensitive, never extractable")
        .contains("Usage:      sign")
        .doesNotContain("decrypt");
    assertThat(privateKeyBlock(objects, "life-rsa-" + suffix))
        .contains("sensitive, always sensitive, never extractable");

    // Second start: the token chosen by list index this time, and nothing may be created.
    Map<String, Object> second = base();
    second.put("hallmark.signer.pkcs11.library", token.library().toString());
    second.put("hallmark.signer.pkcs11.slot-list-index", token.slotIndex().orElseThrow());
    second.put("hallmark.signer.pkcs11.pin-file", token.pinFile().toString());
    key(second, ecId, "ECDSA_P256", "life-ec-" + suffix, false);
    key(second, rsaId, "RSA_3072", "life-rsa-" + suffix, false);
    try (ApplicationContext context = ApplicationContext.run(second)) {
      SigningKeys keys = context.getBean(SigningKeys.class);
      assertThat(keys.get(ecId).signer().publicKey().getEncoded()).isEqualTo(ecPublic);
      assertThat(keys.get(rsaId).signer().publicKey().getEncoded()).isEqualTo(rsaPublic);
      assertThat(verifies(keys.get(ecId), "SHA256withECDSA")).isTrue();
      // The certificate names the key in Notary delegations, so it must not change on restart.
      assertThat(keys.get(ecId).signer().certificate().orElseThrow().getEncoded())
          .isEqualTo(ecCertificate);
    }
  }

  @Test
  void start_existingKeyConfiguredAsOtherAlgorithm_fails() {
    String label = "life-mismatch-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> create = base();
    create.putAll(TestToken.properties());
    key(create, label, "ECDSA_P256", label, true);
    ApplicationContext.run(create).close();

    Map<String, Object> wrong = base();
    wrong.putAll(TestToken.properties());
    key(wrong, label + "-rsa", "RSA_2048", label, true);

    assertThatThrownBy(() -> ApplicationContext.run(wrong).close())
        .hasRootCauseInstanceOf(KeyTypeMismatchException.class)
        .rootCause()
        .hasMessageContaining("is EC 256 but configured as RSA_2048");
  }

  @Test
  void start_keyMissingAndCreationNotAllowed_failsNamingLabelAndFix() {
    String label = "life-absent-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> properties = base();
    properties.putAll(TestToken.properties());
    key(properties, "absent", "ECDSA_P256", label, false);

    assertThatThrownBy(() -> ApplicationContext.run(properties).close())
        .hasRootCauseInstanceOf(KeyMissingException.class)
        .rootCause()
        .hasMessageContaining(label)
        .hasMessageContaining("create-if-missing: true");
  }

  @Test
  void start_invalidKeyConfiguration_failsListingEveryProblem() {
    Map<String, Object> properties = base();
    properties.put("hallmark.signer.keys.broken.backend", "software");
    properties.put("hallmark.signer.keys.nolabel.backend", "pkcs11");

    assertThatThrownBy(() -> ApplicationContext.run(properties).close())
        .hasRootCauseInstanceOf(KeyConfigurationException.class)
        .rootCause()
        .hasMessageContaining("hallmark.signer.keys.broken.pem-file")
        .hasMessageContaining("hallmark.signer.keys.nolabel.label: required");
  }

  private Map<String, Object> base() {
    Map<String, Object> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestDecisionKey.signerProperties());
    // These contexts test key loading; the HTTP server is not started by ApplicationContext.run.
    return properties;
  }

  private static void key(
      Map<String, Object> properties, String id, String algorithm, String label, boolean create) {
    String prefix = "hallmark.signer.keys." + id + ".";
    properties.put(prefix + "backend", "pkcs11");
    properties.put(prefix + "algorithm", algorithm);
    properties.put(prefix + "label", label);
    properties.put(prefix + "create-if-missing", Boolean.toString(create));
  }

  private static void assertNotExtractable(SigningKey key) {
    assertThat(key.backend()).isEqualTo(KeyBackend.PKCS11);
    assertThat(key.signer()).isInstanceOf(Pkcs11Signer.class);
    var handle = ((Pkcs11Signer) key.signer()).privateKeyHandle();
    assertThat(handle.getEncoded()).as("encoding of a sensitive key").isNull();
    // SunPKCS11 describes a P11 key by its CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE.
    assertThat(handle.toString())
        .contains("token object")
        .contains("sensitive")
        .contains("unextractable")
        .doesNotContain("not sensitive");
  }

  private static boolean verifies(SigningKey key, String algorithm) throws Exception {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key.signer().publicKey());
    verifier.update(DATA);
    return verifier.verify(key.signer().sign(DATA));
  }

  /** A Notary role signature (raw r||s over canonical JSON) made by the key in the token. */
  private static boolean tufSignatureVerifies(SigningKey key) throws Exception {
    Map<String, Object> signed = Map.of("_type", "Targets", "version", 1);
    byte[] raw = (byte[]) TufSignatures.sign(signed, key.signer(), "id").get("sig");
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(key.signer().publicKey());
    verifier.update(CanonicalJson.encode(signed));
    return verifier.verify(raw);
  }

  private String listObjects() throws Exception {
    String pin = Files.readString(token.pinFile()).trim();
    Process process =
        new ProcessBuilder(
                List.of(
                    "pkcs11-tool",
                    "--module",
                    token.library().toString(),
                    "--token-label",
                    token.label(),
                    "--login",
                    "--pin",
                    pin,
                    "--list-objects",
                    "--type",
                    "privkey"))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  /** The block of {@code pkcs11-tool --list-objects} output for the private key labelled so. */
  private static String privateKeyBlock(String listing, String label) {
    for (String block : listing.split("(?m)^(?=Private Key Object)")) {
      if (block.startsWith("Private Key Object")
          && block.lines().anyMatch(line -> line.trim().equals("label:      " + label))) {
        return block;
      }
    }
    throw new AssertionError("no private key labelled " + label + " in:\n" + listing);
  }
}
