package dev.hallmark.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleasesDocumentsTest {
  @Test
  void envelope_isByteForByteWhatTheNotaryClientPublished() {
    byte[] served = TrustChainVerifierTest.resource("targets");
    SignedRole role = SignedRole.parse("targets", served);
    List<Map<String, Object>> signatures =
        role.signatures().stream()
            .map(
                signature -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("keyid", signature.keyId());
                  entry.put("method", signature.method());
                  entry.put("sig", signature.signature());
                  return entry;
                })
            .toList();

    assertThat(ReleasesDocuments.envelope(role.signed(), signatures)).isEqualTo(served);
  }

  @Test
  void next_setsTheTags_raisesTheVersion_andKeepsTheRest() {
    String digest = "sha256:" + "ab".repeat(32);
    Map<String, Object> first =
        ReleasesDocuments.next(
            Optional.empty(),
            Map.of("1.0", Target.ofManifest(digest, 527)),
            Instant.parse("2029-01-01T00:00:00.123Z"));
    SignedRole published =
        SignedRole.parse("targets/releases", ReleasesDocuments.envelope(first, List.of()));

    Map<String, Object> second =
        ReleasesDocuments.next(
            Optional.of(published),
            Map.of("2.0", Target.ofManifest(digest, 527)),
            Instant.parse("2029-06-01T00:00:00Z"));

    assertThat(new String(CanonicalJson.encode(first)))
        .isEqualTo(
            "{\"_type\":\"Targets\",\"delegations\":{\"keys\":{},\"roles\":[]},"
                + "\"expires\":\"2029-01-01T00:00:00Z\",\"targets\":{\"1.0\":{\"hashes\":"
                + "{\"sha256\":\""
                + Base64.getEncoder().encodeToString(Target.ofManifest(digest, 527).sha256())
                + "\"},\"length\":527}},\"version\":1}");
    assertThat(second.get("version")).isEqualTo(2L);
    assertThat(String.valueOf(((Map<?, ?>) second.get("targets")).keySet()))
        .isEqualTo("[1.0, 2.0]");
  }
}
