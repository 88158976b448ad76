package dev.hallmark.audit.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.CanonicalJson;
import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditOutcome;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.ImageRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TailLinesTest {
  static final UUID REQUEST = UUID.fromString("3f1c2a4e-7b7d-4c59-9d0e-0a1b2c3d4e5f");
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void text_entryWithEverything_fixedFieldsThenSummary() {
    assertThat(TailLines.text(record()))
        .isEqualTo(
            "#42 2026-11-24T10:00:01.250Z SignatureCreated SUCCESS request="
                + REQUEST
                + " actor=signer-service image=127.0.0.1:15000/demo/app@"
                + DIGEST
                + " signed demo/app@sha256:abababababab with COSIGN key demo-cosign");
  }

  @Test
  void text_entryWithoutRequestActorOrImage_dashes() {
    AuditRecord record =
        AuditRecord.newBuilder(record())
            .setRequestId(null)
            .setActor(null)
            .setImage(null)
            .setRecordedAt(Instant.parse("2026-11-24T10:00:01Z"))
            .build();

    assertThat(TailLines.text(record))
        .startsWith(
            "#42 2026-11-24T10:00:01.000Z SignatureCreated SUCCESS request=- actor=- image=- ");
  }

  @Test
  void text_checkpoint_sizeRootTimeOrigin() {
    assertThat(TailLines.text(checkpoint()))
        .isEqualTo(
            "checkpoint size=43 root="
                + "cd".repeat(32)
                + " 2026-11-24T10:00:10.000Z origin=hallmark.local/audit");
  }

  @Test
  void json_entry_oneCanonicalObjectWithTheLeafInBase64() {
    String line = TailLines.json(record());

    assertThat(line).doesNotContain("\n");
    Map<?, ?> json = (Map<?, ?>) CanonicalJson.parse(line.getBytes(StandardCharsets.UTF_8));
    assertThat(json.get("type")).isEqualTo("AuditRecord");
    assertThat(json.get("sequence")).isEqualTo(42L);
    assertThat(json.get("requestId")).isEqualTo(REQUEST.toString());
    assertThat(json.get("image")).isEqualTo("127.0.0.1:15000/demo/app@" + DIGEST);
    assertThat(json.get("details")).isEqualTo(Map.of("method", "COSIGN"));
    assertThat(Base64.getDecoder().decode((String) json.get("leaf")))
        .isEqualTo("{\"seq\":42}".getBytes(StandardCharsets.UTF_8));
    assertThat(json.containsKey("actor")).isTrue();
  }

  @Test
  void json_checkpoint_typeSizeRootNote() {
    Map<?, ?> json =
        (Map<?, ?>)
            CanonicalJson.parse(TailLines.json(checkpoint()).getBytes(StandardCharsets.UTF_8));

    assertThat(json.get("type")).isEqualTo("AuditCheckpoint");
    assertThat(json.get("treeSize")).isEqualTo(43L);
    assertThat(json.get("rootHash")).isEqualTo("cd".repeat(32));
    assertThat(json.get("timestamp")).isEqualTo("2026-11-24T10:00:10.000Z");
    assertThat(json.get("note")).isEqualTo(checkpoint().getNote());
  }

  static AuditRecord record() {
    return AuditRecord.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(REQUEST)
        .setOccurredAt(Instant.parse("2026-11-24T10:00:00.500Z"))
        .setRecordedAt(Instant.parse("2026-11-24T10:00:01.250Z"))
        .setSequence(42)
        .setSourceTopic("hallmark.signatures.v1")
        .setSourceEventId(UUID.randomUUID().toString())
        .setEventType("SignatureCreated")
        .setOutcome(AuditOutcome.SUCCESS)
        .setActor("signer-service")
        .setImage(new ImageRef("127.0.0.1:15000", "demo/app", DIGEST, List.of("1.0")))
        .setSummary("signed demo/app@sha256:abababababab with COSIGN key demo-cosign")
        .setDetails(Map.of("method", "COSIGN"))
        .setLeaf(ByteBuffer.wrap("{\"seq\":42}".getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  static AuditCheckpoint checkpoint() {
    return AuditCheckpoint.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(Instant.parse("2026-11-24T10:00:10Z"))
        .setOrigin("hallmark.local/audit")
        .setTreeSize(43)
        .setRootHash("cd".repeat(32))
        .setKeyId("ef".repeat(32))
        .setSignature(ByteBuffer.wrap(new byte[64]))
        .setNote("hallmark.local/audit\n43\nzc3N\ntimestamp 2026-11-24T10:00:10.000Z\n\n— x AAAA\n")
        .build();
  }
}
