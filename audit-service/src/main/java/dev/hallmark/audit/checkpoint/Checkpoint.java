package dev.hallmark.audit.checkpoint;

import dev.hallmark.audit.ledger.Timestamps;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed checkpoint as the API serves it ({@code GET /api/v1/audit/checkpoints/latest}) and the
 * export keeps it ({@code checkpoint.json}). The fields are fixed for outside verifiers.
 *
 * @param rootHash the RFC 6962 root, lower-case hex
 * @param timestamp when it was signed, RFC 3339 UTC with milliseconds (the note's timestamp line)
 * @param keyId SHA-256 of the audit key's DER SubjectPublicKeyInfo, lower-case hex
 * @param signature the Ed25519 signature over the note text, base64
 * @param note the whole signed note
 */
@Serdeable
public record Checkpoint(
    long treeSize, String rootHash, String timestamp, String keyId, String signature, String note) {

  static Checkpoint of(CheckpointRow row, CheckpointNote note) {
    return new Checkpoint(
        row.treeSize(),
        HexFormat.of().formatHex(row.rootHash()),
        Timestamps.format(note.timestamp()),
        row.keyId(),
        Base64.getEncoder().encodeToString(note.signature()),
        row.note());
  }
}
