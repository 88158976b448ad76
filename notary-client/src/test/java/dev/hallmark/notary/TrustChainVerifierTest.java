package dev.hallmark.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Against trust data that a real notary-server (Debian's notary) served for {@code
 * registry.example/team/app} after {@code notary init}, {@code key rotate snapshot -r}, {@code
 * delegation add targets/releases hallmark-demo-cosign.crt --all-paths} and {@code publish}. Its
 * timestamp expires on 2026-12-07, so the tests fix the clock before that.
 */
class TrustChainVerifierTest {
  static final String GUN = "registry.example/team/app";
  static final String ROOT_KEY_ID =
      "c08a4840a588144790b3610edc147b31b3b3d2f8b685feb85630a9271e7087a4";
  static final String HALLMARK_X509_KEY_ID =
      "cdce828f4906922177e6aabfb88e3283fbd085af51c24ecdd503ff4ebf200faa";
  static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

  @Test
  void verifies_realServerTrustData_againstThePinnedRoot() {
    VerifiedTrustData verified =
        TrustChainVerifier.verify(served(), Set.of(ROOT_KEY_ID), Map.of(), NOW);

    assertThat(verified.releases()).isEmpty();
    assertThat(verified.releasesVersion()).isZero();
    assertThat(verified.releasesKeys().keyIds()).containsExactly(HALLMARK_X509_KEY_ID);
    assertThat(verified.releasesPaths()).containsExactly("");
    assertThat(verified.versions())
        .containsEntry("root", 2L)
        .containsEntry("timestamp", 2L)
        .containsEntry("targets/releases", 0L);
  }

  @Test
  void refuses_aRootThatIsNotThePinnedOne() {
    assertProblem(
        () -> TrustChainVerifier.verify(served(), Set.of("ab".repeat(32)), Map.of(), NOW),
        TrustProblem.ROOT_NOT_PINNED,
        "none of them pinned");
    assertProblem(
        () -> TrustChainVerifier.verify(served(), Set.of(), Map.of(), NOW),
        TrustProblem.ROOT_NOT_PINNED,
        "no root key is pinned");
  }

  @Test
  void refuses_anExpiredTimestamp() {
    assertProblem(
        () ->
            TrustChainVerifier.verify(
                served(), Set.of(ROOT_KEY_ID), Map.of(), Instant.parse("2026-12-08T00:00:00Z")),
        TrustProblem.EXPIRED,
        "timestamp of registry.example/team/app expired at 2026-12-07T23:35:29");
  }

  @Test
  void refuses_aRolledBackVersion() {
    assertProblem(
        () -> TrustChainVerifier.verify(served(), Set.of(ROOT_KEY_ID), Map.of("snapshot", 7L), NOW),
        TrustProblem.ROLLBACK,
        "snapshot of registry.example/team/app is version 2, but version 7 was seen before");
  }

  @Test
  void refuses_aDocumentChangedAfterSigning() {
    TrustData data = served();
    String targets = new String(data.targets(), StandardCharsets.UTF_8);
    byte[] tampered =
        targets.replace("\"threshold\":1", "\"threshold\":2").getBytes(StandardCharsets.UTF_8);

    assertProblem(
        () ->
            TrustChainVerifier.verify(
                new TrustData(
                    GUN,
                    data.root(),
                    data.timestamp(),
                    data.snapshot(),
                    tampered,
                    Optional.empty()),
                Set.of(ROOT_KEY_ID),
                Map.of(),
                NOW),
        TrustProblem.BAD_SIGNATURE,
        "targets is signed by 0 of its keys");
  }

  @Test
  void refuses_aSnapshotTheTimestampDoesNotList() {
    TrustData data = served();
    byte[] padded =
        (new String(data.snapshot(), StandardCharsets.UTF_8) + " ")
            .getBytes(StandardCharsets.UTF_8);

    assertProblem(
        () ->
            TrustChainVerifier.verify(
                new TrustData(
                    GUN, data.root(), data.timestamp(), padded, data.targets(), Optional.empty()),
                Set.of(ROOT_KEY_ID),
                Map.of(),
                NOW),
        TrustProblem.HASH_MISMATCH,
        "snapshot of registry.example/team/app has 685 bytes, timestamp lists 684");
  }

  @Test
  void hallmarksKey_isDelegated_underItsCertificateKeyId() throws Exception {
    VerifiedTrustData verified =
        TrustChainVerifier.verify(served(), Set.of(ROOT_KEY_ID), Map.of(), NOW);
    java.security.PublicKey hallmark =
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(
                TrustChainVerifierTest.class.getResourceAsStream("/tuf/hallmark-demo-cosign.crt"))
            .getPublicKey();
    java.security.PublicKey other =
        java.security.KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

    assertThat(verified.requireDelegated(hallmark, "demo-cosign")).isEqualTo(HALLMARK_X509_KEY_ID);
    assertProblem(
        () -> verified.requireDelegated(other, "other"),
        TrustProblem.NOT_DELEGATED,
        "key other is not a key of targets/releases of registry.example/team/app");
  }

  static TrustData served() {
    return new TrustData(
        GUN,
        resource("root"),
        resource("timestamp"),
        resource("snapshot"),
        resource("targets"),
        Optional.empty());
  }

  static byte[] resource(String role) {
    try (InputStream in =
        TrustChainVerifierTest.class.getResourceAsStream("/tuf/" + GUN + "/" + role + ".json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertProblem(Runnable call, TrustProblem problem, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TrustDataException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessageContaining(message);
  }
}
