package dev.hallmark.schemas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trusted decision keys of a verifying service, from the PEM files its setting names. */
class TrustedDecisionKeyFilesTest {
  static final String SETTING = "hallmark.example.decision-keys";
  static final String NAMED = SETTING + " (HALLMARK_DECISION_PUBLIC_KEYS): ";
  static final String BECAUSE = "example-service acts only on authenticated decisions";

  @TempDir Path dir;

  @Test
  void read_noFileNamed_failsNamingTheSettingAndWhy() {
    for (List<String> none : Arrays.asList(null, List.<String>of(), List.of(" ", ""))) {
      assertThatThrownBy(() -> TrustedDecisionKeyFiles.read(SETTING, none, BECAUSE))
          .isInstanceOf(DecisionKeyConfigurationException.class)
          .hasMessage(
              NAMED
                  + "names no public key: "
                  + BECAUSE
                  + " and needs its Ed25519 public key(s), PEM files (separated by commas in the"
                  + " variable); see docs/operations.md");
    }
  }

  @Test
  void read_unusableFiles_failsListingEveryFileAndProblemWithoutKeyMaterial() throws Exception {
    Path missing = dir.resolve("missing.pub");
    String privatePem = DecisionKeys.pem(DecisionKeys.generate().getPrivate());
    Path privateKey = Files.writeString(dir.resolve("private.pem"), privatePem);
    Path good = publicKeyFile("good", DecisionKeys.generate());

    assertThatThrownBy(
            () ->
                TrustedDecisionKeyFiles.read(
                    SETTING,
                    List.of(missing.toString(), " " + privateKey + " ", good.toString(), "a\0b"),
                    BECAUSE))
        .isInstanceOf(DecisionKeyConfigurationException.class)
        .hasMessage(
            NAMED
                + missing
                + ": cannot be read (NoSuchFileException); "
                + privateKey
                + ": holds a PRIVATE KEY, expected an unencrypted PUBLIC KEY; "
                + "a\0b: not a file path (Nul character not allowed)")
        .message()
        .doesNotContain(privatePem.lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void read_twoFiles_trustsDecisionsOfEitherKeyOnly() throws Exception {
    KeyPair current = DecisionKeys.generate();
    KeyPair next = DecisionKeys.generate();
    KeyPair stranger = DecisionKeys.generate();

    DecisionVerifier verifier =
        TrustedDecisionKeyFiles.read(
            SETTING,
            List.of(
                publicKeyFile("current", current).toString(),
                "",
                " " + publicKeyFile("next", next)),
            BECAUSE);

    assertThat(verifier.keyIds())
        .containsExactlyInAnyOrder(
            DecisionKeys.keyIdHex(current.getPublic()), DecisionKeys.keyIdHex(next.getPublic()));
    assertThat(verifier.rejection(sign(current))).isEmpty();
    assertThat(verifier.rejection(sign(next))).isEmpty();
    assertThat(verifier.rejection(sign(stranger)))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .endsWith(
                        "signed by unknown key " + DecisionKeys.keyIdHex(stranger.getPublic())));
  }

  private Path publicKeyFile(String name, KeyPair pair) throws Exception {
    return Files.writeString(dir.resolve(name + ".pub"), DecisionKeys.pem(pair.getPublic()));
  }

  private static PolicyDecision sign(KeyPair pair) {
    return new DecisionSigner(pair.getPrivate(), pair.getPublic())
        .sign(SampleEvents.policyDecision());
  }
}
