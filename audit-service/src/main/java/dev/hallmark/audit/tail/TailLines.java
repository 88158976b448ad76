package dev.hallmark.audit.tail;

import dev.hallmark.audit.ledger.CanonicalJson;
import dev.hallmark.audit.ledger.Timestamps;
import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.ImageRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines {@code audit tail} prints. Text, one per entry and checkpoint, with fixed fields first
 * so that {@code grep} and {@code awk} find them ({@code -} for none):
 *
 * <pre>
 * #42 2026-11-24T10:00:01.250Z SignatureCreated SUCCESS request=&lt;uuid&gt; actor=signer-service image=&lt;registry/repository@digest&gt; &lt;summary&gt;
 * checkpoint size=43 root=&lt;hex&gt; 2026-11-24T10:00:10.000Z origin=hallmark.local/audit
 * </pre>
 *
 * The time is when the ledger recorded the entry. With {@code --json}, one canonical JSON object
 * per line: {@code "type":"AuditRecord"} with the record's fields (the leaf in base64) or {@code
 * "type":"AuditCheckpoint"} with the checkpoint's.
 */
final class TailLines {
  private TailLines() {}

  static String text(AuditRecord record) {
    return "#"
        + record.getSequence()
        + " "
        + Timestamps.format(record.getRecordedAt())
        + " "
        + record.getEventType()
        + " "
        + record.getOutcome()
        + " request="
        + orDash(record.getRequestId())
        + " actor="
        + orDash(record.getActor())
        + " image="
        + (record.getImage() == null ? "-" : image(record.getImage()))
        + " "
        + record.getSummary();
  }

  static String text(AuditCheckpoint checkpoint) {
    return "checkpoint size="
        + checkpoint.getTreeSize()
        + " root="
        + checkpoint.getRootHash()
        + " "
        + Timestamps.format(checkpoint.getOccurredAt())
        + " origin="
        + checkpoint.getOrigin();
  }

  static String json(AuditRecord record) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "AuditRecord");
    json.put("sequence", record.getSequence());
    json.put("eventId", record.getEventId().toString());
    json.put("recordedAt", Timestamps.format(record.getRecordedAt()));
    json.put("occurredAt", Timestamps.format(record.getOccurredAt()));
    json.put("eventType", record.getEventType());
    json.put("outcome", record.getOutcome().name());
    json.put("requestId", record.getRequestId() == null ? null : record.getRequestId().toString());
    json.put("actor", record.getActor());
    json.put("image", record.getImage() == null ? null : image(record.getImage()));
    json.put("summary", record.getSummary());
    json.put("sourceTopic", record.getSourceTopic());
    json.put("sourceEventId", record.getSourceEventId());
    json.put("details", new TreeMap<>(record.getDetails()));
    json.put("leaf", record.getLeaf() == null ? null : base64(record.getLeaf()));
    return encode(json);
  }

  static String json(AuditCheckpoint checkpoint) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "AuditCheckpoint");
    json.put("treeSize", checkpoint.getTreeSize());
    json.put("rootHash", checkpoint.getRootHash());
    json.put("timestamp", Timestamps.format(checkpoint.getOccurredAt()));
    json.put("origin", checkpoint.getOrigin());
    json.put("keyId", checkpoint.getKeyId());
    json.put("note", checkpoint.getNote());
    return encode(json);
  }

  private static String image(ImageRef image) {
    return image.getRegistry() + "/" + image.getRepository() + "@" + image.getDigest();
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  private static String base64(ByteBuffer bytes) {
    byte[] array = new byte[bytes.remaining()];
    bytes.duplicate().get(array);
    return Base64.getEncoder().encodeToString(array);
  }

  /** Canonical JSON: members sorted, null members left out, one line. */
  private static String encode(Map<String, Object> json) {
    return new String(CanonicalJson.encode(json), StandardCharsets.UTF_8);
  }
}
