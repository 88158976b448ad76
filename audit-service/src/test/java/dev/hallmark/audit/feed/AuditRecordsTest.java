package dev.hallmark.audit.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.EventSource;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.events.AuditOutcome;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.ImageRef;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditRecordsTest {
  static final Instant OCCURRED = Instant.parse("2026-11-24T10:00:00.123Z");
  static final Instant RECORDED = Instant.parse("2026-11-24T10:00:01.250Z");
  static final String REQUEST = "3f1c2a4e-7b7d-4c59-9d0e-0a1b2c3d4e5f";
  static final String DIGEST = "sha256:3010aabc0123" + "4".repeat(52);
  static final Map<String, Object> IMAGE =
      Map.of(
          "registry",
          "127.0.0.1:15000",
          "repository",
          "demo/app",
          "digest",
          DIGEST,
          "tags",
          List.of("1.0"));

  @Test
  void of_signatureCreated_mapsEveryFieldAndCarriesTheLeaf() {
    LedgerEntry entry =
        entry(
            42,
            "SignatureCreated",
            "hallmark.signatures.v1",
            Map.of(
                "digests", List.of(DIGEST),
                "image", IMAGE,
                "method", "COSIGN",
                "keyId", "demo-cosign",
                "payloadDigest", "sha256:aa",
                "signatureDigest", "sha256:bb"));

    AuditRecord record = AuditRecords.of(entry);

    assertThat(record.getSequence()).isEqualTo(42);
    assertThat(record.getRequestId()).isEqualTo(UUID.fromString(REQUEST));
    assertThat(record.getOccurredAt()).isEqualTo(OCCURRED);
    assertThat(record.getRecordedAt()).isEqualTo(RECORDED);
    assertThat(record.getSourceTopic()).isEqualTo("hallmark.signatures.v1");
    assertThat(record.getSourceEventId()).isEqualTo(entry.eventId());
    assertThat(record.getEventType()).isEqualTo("SignatureCreated");
    assertThat(record.getOutcome()).isEqualTo(AuditOutcome.SUCCESS);
    assertThat(record.getActor()).isEqualTo("signer-service");
    assertThat(record.getImage())
        .isEqualTo(new ImageRef("127.0.0.1:15000", "demo/app", DIGEST, List.of("1.0")));
    assertThat(record.getSummary())
        .isEqualTo("signed demo/app@sha256:3010aabc0123 with COSIGN key demo-cosign");
    assertThat(record.getDetails())
        .containsEntry("digests[0]", DIGEST)
        .containsEntry("image.repository", "demo/app")
        .containsEntry("image.tags[0]", "1.0")
        .containsEntry("keyId", "demo-cosign")
        .containsEntry("payloadDigest", "sha256:aa");
    assertThat(bytes(record.getLeaf())).isEqualTo(entry.leaf());
    assertThat(LedgerEntry.fromLeaf(bytes(record.getLeaf()))).isEqualTo(entry);
  }

  @Test
  void of_sameEntryTwice_sameEventIdAndOtherEntry_otherEventId() {
    LedgerEntry entry = entry(1, "SignatureCreated", "hallmark.signatures.v1", Map.of());
    LedgerEntry next = entry(2, "SignatureCreated", "hallmark.signatures.v1", Map.of());

    assertThat(AuditRecords.of(entry).getEventId()).isEqualTo(AuditRecords.of(entry).getEventId());
    assertThat(AuditRecords.of(next).getEventId())
        .isNotEqualTo(AuditRecords.of(entry).getEventId());
  }

  @Test
  void of_deniedDecisionWithMultiLineReason_refusedWithOneLineSummary() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("project", "demo");
    details.put("policy", "release");
    details.put("policyVersion", 2L);
    details.put("outcome", "DENIED");
    details.put("reason", "rejected by bob:\nnot this build");
    details.put("images", List.of(IMAGE));
    details.put("methods", List.of());

    AuditRecord record =
        AuditRecords.of(entry(7, "PolicyDecision", "hallmark.policy-decisions.v1", details));

    assertThat(record.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(record.getActor()).isEqualTo("policy-service");
    assertThat(record.getImage().getRepository()).isEqualTo("demo/app");
    assertThat(record.getSummary())
        .isEqualTo("DENIED by demo/release v2: rejected by bob: not this build");
    assertThat(record.getDetails())
        .containsEntry("policyVersion", "2")
        .doesNotContainKey("methods");
  }

  @Test
  void of_decisionOutcomes_mapToAuditOutcomes() {
    assertThat(outcomeOf("PolicyDecision", Map.of("outcome", "APPROVED")))
        .isEqualTo(AuditOutcome.SUCCESS);
    assertThat(outcomeOf("PolicyDecision", Map.of("outcome", "PENDING_APPROVAL")))
        .isEqualTo(AuditOutcome.INFO);
    assertThat(outcomeOf("PolicyDecision", Map.of("outcome", "SOMETHING_NEW")))
        .isEqualTo(AuditOutcome.UNKNOWN);
    assertThat(outcomeOf("SigningFailed", Map.of())).isEqualTo(AuditOutcome.FAILURE);
    assertThat(outcomeOf("PublicationFailed", Map.of())).isEqualTo(AuditOutcome.FAILURE);
    assertThat(outcomeOf("DecisionRejected", Map.of())).isEqualTo(AuditOutcome.REFUSED);
    assertThat(outcomeOf("SignaturePublished", Map.of())).isEqualTo(AuditOutcome.SUCCESS);
    assertThat(outcomeOf("SigningRequested", Map.of())).isEqualTo(AuditOutcome.INFO);
  }

  @Test
  void of_pushWithoutMethods_summaryListsNoMethods() {
    Map<String, Object> details =
        Map.of(
            "project", "demo",
            "policy", "default",
            "images", List.of(IMAGE),
            "methods", List.of(),
            "submitter", Map.of("kind", "REGISTRY_WEBHOOK", "name", "registry-webhook"));

    AuditRecord record =
        AuditRecords.of(entry(0, "SigningRequested", "hallmark.signing-requests.v1", details));

    assertThat(record.getSummary())
        .startsWith(
            "signing requested by registry-webhook (REGISTRY_WEBHOOK) under demo/default for ");
  }

  @Test
  void of_signingRequestOfTwoImages_actorIsTheSubmitterAndNoSingleImage() {
    Map<String, Object> details =
        Map.of(
            "project", "demo",
            "policy", "default",
            "images", List.of(IMAGE, IMAGE),
            "methods", List.of("COSIGN", "NOTARY"),
            "submitter", Map.of("kind", "CI_TOKEN", "name", "ci"));

    AuditRecord record =
        AuditRecords.of(entry(0, "SigningRequested", "hallmark.signing-requests.v1", details));

    assertThat(record.getActor()).isEqualTo("ci");
    assertThat(record.getImage()).isNull();
    assertThat(record.getSummary())
        .isEqualTo(
            "signing requested by ci (CI_TOKEN) under demo/default: COSIGN, NOTARY for 2 images");
    assertThat(record.getDetails())
        .containsEntry("images[1].digest", DIGEST)
        .containsEntry("submitter.kind", "CI_TOKEN");
  }

  @Test
  void of_catalogueChange_actorIsWhoChangedIt_requestIsNull() {
    LedgerEntry entry =
        new LedgerEntry(
            3,
            RECORDED,
            UUID.randomUUID().toString(),
            "ProjectCatalogued",
            OCCURRED,
            null,
            new EventSource("hallmark.projects.v1", 0, 5),
            Map.of(
                "project", "team",
                "actor", "admin",
                "summary", "revision 2: policies [main v1], submitters [ci]"));

    AuditRecord record = AuditRecords.of(entry);

    assertThat(record.getRequestId()).isNull();
    assertThat(record.getActor()).isEqualTo("admin");
    assertThat(record.getOutcome()).isEqualTo(AuditOutcome.INFO);
    assertThat(record.getSummary())
        .isEqualTo("project team revision 2: policies [main v1], submitters [ci]");
  }

  @Test
  void of_entryFromBeforeTheLedger_genericSummaryAndRequestIdThatIsNoUuidDropped() {
    LedgerEntry entry =
        new LedgerEntry(
            0,
            RECORDED,
            UUID.randomUUID().toString(),
            "SigningFailed",
            OCCURRED,
            "not-a-uuid",
            new EventSource("hallmark.signatures.v1", 2, 9),
            Map.of("preLedger", true, "digests", List.of(DIGEST), "reason", "HSM unavailable"));

    AuditRecord record = AuditRecords.of(entry);

    assertThat(record.getRequestId()).isNull();
    assertThat(record.getOutcome()).isEqualTo(AuditOutcome.FAILURE);
    assertThat(record.getSummary())
        .isEqualTo(
            "SigningFailed for " + DIGEST + ": HSM unavailable (recorded before the ledger)");
    assertThat(record.getDetails()).containsEntry("preLedger", "true");
  }

  @Test
  void of_unknownTopicAndEventType_noActorAndGenericSummary() {
    AuditRecord record =
        AuditRecords.of(entry(5, "SomethingNew", "hallmark.other.v1", Map.of("project", "demo")));

    assertThat(record.getActor()).isNull();
    assertThat(record.getSummary()).isEqualTo("SomethingNew project demo");
  }

  @Test
  void of_veryLongReason_summaryBounded() {
    AuditRecord record =
        AuditRecords.of(
            entry(
                5,
                "SigningFailed",
                "hallmark.signatures.v1",
                Map.of(
                    "image", IMAGE, "method", "COSIGN", "keyId", "k", "reason", "x".repeat(2000))));

    assertThat(record.getSummary()).hasSize(EntrySummaries.MAX_LENGTH).endsWith("…");
  }

  private static AuditOutcome outcomeOf(String eventType, Map<String, Object> details) {
    return AuditRecords.outcome(entry(0, eventType, "hallmark.x.v1", details));
  }

  private static LedgerEntry entry(
      long seq, String eventType, String topic, Map<String, Object> details) {
    return new LedgerEntry(
        seq,
        RECORDED,
        UUID.randomUUID().toString(),
        eventType,
        OCCURRED,
        REQUEST,
        new EventSource(topic, 1, 100 + seq),
        details);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
