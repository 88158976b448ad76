package dev.hallmark.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetsDiffTest {
  static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
  static final Duration MAX = Duration.ofDays(3 * 366);
  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);

  @Test
  void firstDocument_withTheApprovedTag_isFine() {
    Map<String, Object> proposed = parsed(next(Optional.empty(), Map.of("1.0", target(D1))));

    assertThat(diff(Optional.empty(), proposed, Map.of("1.0", D1))).isEmpty();
  }

  @Test
  void nextDocument_keepsOtherTags_andMaySetTheApprovedOne() {
    Optional<SignedRole> current = published(Map.of("1.0", target(D1)), 1);
    Map<String, Object> proposed = parsed(next(current, Map.of("2.0", target(D2))));

    assertThat(diff(current, proposed, Map.of("2.0", D2))).isEmpty();
  }

  @Test
  void everyUnapprovedDifference_isListed() {
    Optional<SignedRole> current = published(Map.of("1.0", target(D1), "keep", target(D1)), 4);
    Map<String, Object> proposed =
        parsed(next(current, Map.of("2.0", target(D2), "evil", target(D2), "1.0", target(D2))));
    proposed.remove("keep");
    ((Map<String, Object>) proposed.get("targets")).remove("keep");

    List<String> changes = diff(current, proposed, Map.of("2.0", D2));

    assertThat(changes)
        .containsExactlyInAnyOrder(
            "adds tag evil, which was not approved",
            "changes tag 1.0, which was not approved",
            "removes tag keep");
  }

  @Test
  void approvedTag_atAnotherDigest_isRefused() {
    Map<String, Object> proposed = parsed(next(Optional.empty(), Map.of("1.0", target(D2))));

    assertThat(diff(Optional.empty(), proposed, Map.of("1.0", D1)))
        .containsExactly("tag 1.0 is not set to the approved " + D1);
  }

  @Test
  void versionExpiryDelegationsAndExtraFields_areChecked() {
    Optional<SignedRole> current = published(Map.of(), 3);
    Map<String, Object> proposed = parsed(next(current, Map.of()));
    proposed.put("version", 9L);
    proposed.put("expires", "2040-01-01T00:00:00Z");
    proposed.put("delegations", Map.of("keys", Map.of(), "roles", List.of("x")));
    proposed.put("custom", "x");

    assertThat(diff(current, proposed, Map.of()))
        .containsExactlyInAnyOrder(
            "adds field custom",
            "version is 9, not 4",
            "expires 2040-01-01T00:00:00Z is later than " + MAX + " from now",
            "changes delegations");
  }

  static List<String> diff(
      Optional<SignedRole> current, Map<String, Object> proposed, Map<String, String> approved) {
    return TargetsDiff.unapprovedChanges(current, proposed, approved, NOW, MAX);
  }

  static Map<String, Object> next(Optional<SignedRole> current, Map<String, Target> tags) {
    return ReleasesDocuments.next(current, tags, NOW.plus(Duration.ofDays(365)));
  }

  /** As the signer sees a proposal: parsed from its canonical bytes. */
  static Map<String, Object> parsed(Map<String, Object> signed) {
    return SignedRole.parse("targets/releases", ReleasesDocuments.envelope(signed, List.of()))
        .signed();
  }

  static Optional<SignedRole> published(Map<String, Target> tags, long version) {
    Map<String, Object> signed =
        new java.util.LinkedHashMap<>(
            ReleasesDocuments.next(Optional.empty(), tags, NOW.plus(Duration.ofDays(30))));
    signed.put("version", version);
    return Optional.of(
        SignedRole.parse(
            "targets/releases",
            new String(ReleasesDocuments.envelope(signed, List.of()), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_8)));
  }

  static Target target(String digest) {
    return Target.ofManifest(digest, 1234);
  }
}
