package dev.hallmark.audit.api;

import dev.hallmark.audit.checkpoint.AuditKey;
import dev.hallmark.audit.checkpoint.Checkpoint;
import dev.hallmark.audit.checkpoint.CheckpointNote;
import dev.hallmark.audit.checkpoint.CheckpointService;
import dev.hallmark.audit.checkpoint.Checkpointer;
import dev.hallmark.audit.checkpoint.LedgerInconsistentException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.annotation.Serdeable;
import java.util.HexFormat;

/** The ledger's signed checkpoints and the key that signs them. */
@Controller("/api/v1/audit")
final class CheckpointController {
  private final CheckpointService checkpoints;
  private final AuditKey key;

  CheckpointController(CheckpointService checkpoints, AuditKey key) {
    this.checkpoints = checkpoints;
    this.key = key;
  }

  /** The latest checkpoint; 404 before the first. */
  @Get(value = "/checkpoints/latest", produces = MediaType.APPLICATION_JSON)
  Checkpoint latest() {
    return checkpoints
        .latest()
        .orElseThrow(
            () ->
                new HttpStatusException(HttpStatus.NOT_FOUND, "the ledger has no checkpoint yet"));
  }

  /**
   * A checkpoint now: 201 with a new one if the ledger grew since the latest (the first one also of
   * an empty ledger), else 200 with the latest; 409 if the ledger no longer extends the latest.
   */
  @Post(value = "/checkpoints", produces = MediaType.APPLICATION_JSON)
  HttpResponse<Checkpoint> checkpoint() {
    Checkpointer.Outcome outcome;
    try {
      outcome =
          checkpoints
              .checkpointAndExport(true)
              .orElseThrow(() -> new IllegalStateException("an empty ledger gets a checkpoint"));
    } catch (LedgerInconsistentException e) {
      throw new HttpStatusException(HttpStatus.CONFLICT, e.getMessage());
    }
    return outcome.created()
        ? HttpResponse.created(outcome.checkpoint())
        : HttpResponse.ok(outcome.checkpoint());
  }

  /** The audit key's public key and ids, to verify checkpoints with. */
  @Get(value = "/public-key", produces = MediaType.APPLICATION_JSON)
  PublicKeyView publicKey() {
    return new PublicKeyView(
        key.keyIdHex(),
        key.keyName(),
        HexFormat.of().formatHex(CheckpointNote.noteKeyId(key.keyName(), key.publicKey())),
        CheckpointNote.verifierKey(key.keyName(), key.publicKey()),
        key.publicKeyPem());
  }

  /**
   * @param keyId SHA-256 of the DER SubjectPublicKeyInfo, hex (as checkpoints name it)
   * @param keyName the name signatures are made under: the ledger's origin
   * @param noteKeyId the 4-byte key id of the signed notes' signature lines, hex
   * @param verifierKey {@code <name>+<note key id>+<base64(0x01 || key)>} for signed-note tools
   * @param pem the public key, {@code -----BEGIN PUBLIC KEY-----}
   */
  @Serdeable
  record PublicKeyView(
      String keyId, String keyName, String noteKeyId, String verifierKey, String pem) {}
}
