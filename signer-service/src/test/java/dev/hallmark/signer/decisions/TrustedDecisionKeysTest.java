package dev.hallmark.signer.decisions;

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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedDecisionKeysTest {
  static final String SETTING = "hallmark.signer.decision-keys (HALLMARK_DECISION_PUBLIC_KEYS): ";

  @TempDir Path dir;

  @Test
  void noKeys_failNamingTheSetting() {
    for (List<String> none : Arrays.asList(null, List.<String>of(), List.of(" ", ""))) {
      assertThatThrownBy(() -> new TrustedDecisionKeys(none))
          .isInstanceOf(DecisionKeyConfigurationException.class)
          .hasMessageStartingWith(SETTING + "names no public key");
    }
  }

  @Test
  void badFiles_failListingEachFileAndProblem() throws Exception {
    Path missing = dir.resolve("missing.pub");
    Path privateKey =
        Files.writeString(
            dir.resolve("private.pem"), DecisionKeys.pem(DecisionKeys.generate().getPrivate()));

    assertThatThrownBy(() -> new TrustedDecisionKeys(List.of(missing.toString(), " " + privateKey)))
        .isInstanceOf(DecisionKeyConfigurationException.class)
        .hasMessage(
            SETTING
                + missing
                + ": cannot be read (NoSuchFileException); "
                + privateKey
                + ": holds a PRIVATE KEY, expected an unencrypted PUBLIC KEY");
  }

  @Test
  void twoKeys_decisionsOfEitherAreTrusted_othersAreNot() throws Exception {
    KeyPair current = DecisionKeys.generate();
    KeyPair next = DecisionKeys.generate();
    KeyPair stranger = DecisionKeys.generate();
    TrustedDecisionKeys trusted =
        new TrustedDecisionKeys(
            List.of(publicKeyFile("current", current), publicKeyFile("next", next)));

    assertThat(trusted.rejection(sign(current, decision()))).isEmpty();
    assertThat(trusted.rejection(sign(next, decision()))).isEmpty();
    assertThat(trusted.rejection(sign(stranger, decision())))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .endsWith(
                        "signed by unknown key " + DecisionKeys.keyIdHex(stranger.getPublic())));
  }

  private String publicKeyFile(String name, KeyPair pair) throws Exception {
    return Files.writeString(dir.resolve(name + ".pub"), DecisionKeys.pem(pair.getPublic()))
        .toString();
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
