package dev.hallmark.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionSigningKeyTest {
  /** A test-only key from {@code openssl genpkey -algorithm ed25519}. */
  static final String OPENSSL_PRIVATE =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIHklbzLPQgBDk4a4m4VfPX4pCbinNpESOJyH2Y084y6x
      -----END PRIVATE KEY-----
      """;

  /** {@code openssl pkey -in key.pem -pubout -outform DER | sha256sum} of it. */
  static final String OPENSSL_KEY_ID =
      "5faccb4f7133b754d35af280222d4ab3361a03242c2c3d74b4b4b3d1d30f4e43";

  @TempDir Path dir;

  @Test
  void opensslKeyFile_keyIdIsThatOfItsPublicKey() throws Exception {
    Path file = Files.writeString(dir.resolve("decision-key.pem"), OPENSSL_PRIVATE);

    assertThat(new DecisionSigningKey(file.toString()).keyIdHex()).isEqualTo(OPENSSL_KEY_ID);
  }

  @Test
  void generatedKey_signsDecisionsThatItsPublicKeyVerifies() throws Exception {
    KeyPair pair = DecisionKeys.generate();
    Path file = Files.writeString(dir.resolve("key.pem"), DecisionKeys.pem(pair.getPrivate()));
    DecisionSigningKey key = new DecisionSigningKey(file.toString());

    PolicyDecision signed = key.sign(decision());

    assertThat(DecisionSigningKey.publicKeyOf(pair.getPrivate()).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThat(new DecisionVerifier(List.of(pair.getPublic())).rejection(signed)).isEmpty();
  }

  @Test
  void settingUnset_failsNamingSettingAndVariable() {
    assertThatThrownBy(() -> new DecisionSigningKey(" "))
        .isInstanceOf(DecisionKeyConfigurationException.class)
        .hasMessageStartingWith(
            "hallmark.policy.decision-key-file (HALLMARK_DECISION_KEY_FILE) is not set:");
  }

  @Test
  void publicKeyFile_failsNamingSettingAndFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("decision-key.pub"), DecisionKeys.pem(DecisionKeys.generate().getPublic()));

    assertThatThrownBy(() -> new DecisionSigningKey(file.toString()))
        .isInstanceOf(DecisionKeyConfigurationException.class)
        .hasMessage(
            "hallmark.policy.decision-key-file (HALLMARK_DECISION_KEY_FILE): "
                + file
                + ": holds a PUBLIC KEY, expected an unencrypted PRIVATE KEY");
  }

  private static PolicyDecision decision() {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.parse("2025-03-01T12:00:00Z"))
        .setOutcome(DecisionOutcome.DENIED)
        .setReason("project x is not configured")
        .setProject("x")
        .setSigningPolicy("y")
        .setPolicyVersion(0)
        .build();
  }
}
