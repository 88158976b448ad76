package dev.hallmark.intake.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeyConfigurationException;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedDecisionKeysTest {
  @TempDir Path dir;

  @Test
  void noKeys_failNamingIntakesSettingAndTheSharedVariable() {
    assertThatThrownBy(() -> new TrustedDecisionKeys(List.of("")))
        .isInstanceOf(DecisionKeyConfigurationException.class)
        .hasMessageStartingWith(
            "hallmark.intake.decision-keys (HALLMARK_DECISION_PUBLIC_KEYS): names no public key:"
                + " intake-service applies to a request's status only decisions authenticated by"
                + " policy-service");
  }

  @Test
  void aKeyFile_itsDecisionsAreTrusted_aStrangersAndAlteredOnesAreNot() throws Exception {
    KeyPair policy = DecisionKeys.generate();
    KeyPair stranger = DecisionKeys.generate();
    Path file = Files.writeString(dir.resolve("policy.pub"), DecisionKeys.pem(policy.getPublic()));
    TrustedDecisionKeys trusted = new TrustedDecisionKeys(List.of(file.toString()));

    PolicyDecision genuine = sign(policy, decision());
    assertThat(trusted.rejection(genuine)).isEmpty();
    assertThat(trusted.rejection(sign(stranger, decision()))).isPresent();
    genuine.setOutcome(DecisionOutcome.APPROVED);
    assertThat(trusted.rejection(genuine))
        .hasValueSatisfying(reason -> assertThat(reason).endsWith("signature does not verify"));
  }

  private static PolicyDecision sign(KeyPair pair, PolicyDecision decision) {
    return new DecisionSigner(pair.getPrivate(), pair.getPublic()).sign(decision);
  }

  private static PolicyDecision decision() {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.parse("2025-03-01T12:00:00Z"))
        .setOutcome(DecisionOutcome.DENIED)
        .setReason("no")
        .setProject("demo")
        .setSigningPolicy("default")
        .setPolicyVersion(1)
        .build();
  }
}
