package dev.hallmark.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {
  static final String DIGEST = "sha256:" + "cd".repeat(32);

  static LedgerEntry decision() {
    return new LedgerEntry(
        7,
        Instant.parse("2026-11-24T10:00:01.250Z"),
        "6f0e0b52-2c1a-4e44-9a4b-3b8a51a2d6c1",
        "PolicyDecision",
        Instant.parse("2026-11-24T10:00:00Z"),
        "0b7c6d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e",
        new EventSource("hallmark.policy-decisions.v1", 3, 42),
        Map.of(
            "project",
            "demo",
            "policy",
            "release",
            "policyVersion",
            3,
            "outcome",
            "APPROVED",
            "approvers",
            List.of("alice", "bob"),
            "digests",
            List.of(DIGEST)));
  }

  @Test
  void leaf_decision_isTheDocumentedCanonicalJson() {
    String leaf = new String(decision().leaf(), StandardCharsets.UTF_8);

    assertThat(leaf)
        .isEqualTo(
            "{\"details\":{\"approvers\":[\"alice\",\"bob\"],\"digests\":[\""
                + DIGEST
                + "\"],\"outcome\":\"APPROVED\",\"policy\":\"release\",\"policyVersion\":3,"
                + "\"project\":\"demo\"},\"eventId\":\"6f0e0b52-2c1a-4e44-9a4b-3b8a51a2d6c1\","
                + "\"eventType\":\"PolicyDecision\",\"occurredAt\":\"2026-11-24T10:00:00.000Z\","
                + "\"recordedAt\":\"2026-11-24T10:00:01.250Z\","
                + "\"requestId\":\"0b7c6d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e\",\"seq\":7,"
                + "\"source\":{\"offset\":42,\"partition\":3,"
                + "\"topic\":\"hallmark.policy-decisions.v1\"},\"v\":1}");
  }

  @Test
  void fromLeaf_leaf_isTheSameEntry() {
    LedgerEntry entry = decision();

    assertThat(LedgerEntry.fromLeaf(entry.leaf())).isEqualTo(entry);
  }

  @Test
  void leaf_withoutRequest_leavesRequestIdOut() {
    LedgerEntry entry =
        new LedgerEntry(
            0,
            Instant.parse("2026-11-24T10:00:01.123456Z"),
            "e",
            "ProjectCatalogued",
            Instant.parse("2026-11-24T10:00:00Z"),
            null,
            new EventSource("hallmark.projects.v1", 0, 0),
            Map.of("actor", "alice"));

    String leaf = new String(entry.leaf(), StandardCharsets.UTF_8);

    assertThat(leaf)
        .doesNotContain("requestId")
        .contains("\"recordedAt\":\"2026-11-24T10:00:01.123Z\"");
    assertThat(LedgerEntry.fromLeaf(entry.leaf())).isEqualTo(entry);
  }

  @Test
  void columns_decision_areDerivedFromTheDetails() {
    LedgerColumns columns = LedgerColumns.of(decision());

    assertThat(columns.project()).isEqualTo("demo");
    assertThat(columns.outcome()).isEqualTo("APPROVED");
    assertThat(columns.approvers()).isEqualTo("alice, bob");
    assertThat(columns.digests()).isEqualTo(" " + DIGEST + " ");
    assertThat(columns.reason()).isNull();
    assertThat(columns.sourcePartition()).isEqualTo(3);
  }

  @Test
  void fromLeaf_unknownVersionOrNotAnEntry_isMalformed() {
    String leaf = new String(decision().leaf(), StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                LedgerEntry.fromLeaf(
                    leaf.replace("\"v\":1", "\"v\":2").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLeafException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> LedgerEntry.fromLeaf("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLeafException.class);
  }
}
