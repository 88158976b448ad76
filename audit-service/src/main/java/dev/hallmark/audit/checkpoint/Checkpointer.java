package dev.hallmark.audit.checkpoint;

import dev.hallmark.audit.ledger.LedgerTree;
import dev.hallmark.audit.merkle.MerkleProofs;
import dev.hallmark.audit.merkle.MerkleTree;
import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs checkpoints of the ledger. A new one is made only when the tree grew, and only if it
 * extends the latest one: the latest checkpoint's signature is checked, and the consistency proof
 * from its size to the new size must verify against both roots; otherwise nothing is signed ({@link
 * LedgerInconsistentException}). The checkpoint row and its {@link AuditCheckpoint} event (outbox)
 * are written in one transaction, under a lock that serializes instances.
 */
@Singleton
public class Checkpointer {
  private final CheckpointRepository checkpoints;
  private final LedgerTree ledgerTree;
  private final AuditKey key;
  private final Outbox outbox;
  private final Clock clock;

  Checkpointer(
      CheckpointRepository checkpoints,
      LedgerTree ledgerTree,
      AuditKey key,
      Outbox outbox,
      Clock clock) {
    this.checkpoints = checkpoints;
    this.ledgerTree = ledgerTree;
    this.key = key;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * @param created whether this call signed it
   */
  public record Outcome(Checkpoint checkpoint, boolean created) {}

  /**
   * A checkpoint of the whole ledger as it is now: a new one if the ledger grew since the latest
   * (or there is none yet and {@code evenIfEmpty}), else the latest.
   *
   * @return empty when there is nothing to sign (an empty ledger and no checkpoint)
   * @throws LedgerInconsistentException if the ledger does not extend the latest checkpoint
   */
  @Transactional
  public Optional<Outcome> checkpoint(boolean evenIfEmpty) {
    checkpoints.lockCheckpoints();
    Optional<CheckpointRow> latest = checkpoints.findLatest();
    long size = ledgerTree.sync();
    MerkleTree tree = ledgerTree.tree();
    if (latest.isPresent()) {
      CheckpointRow previous = latest.get();
      if (size == previous.treeSize()) {
        return Optional.of(new Outcome(Checkpoint.of(previous, noteOf(previous)), false));
      }
      requireExtends(previous, size, tree);
    } else if (size == 0 && !evenIfEmpty) {
      return Optional.empty();
    }
    byte[] root = tree.rootHash(size);
    Instant now = clock.instant();
    CheckpointNote note = CheckpointNote.sign(key, size, root, now);
    CheckpointRow row =
        checkpoints.save(
            new CheckpointRow(
                size, root, note.timestamp(), key.keyIdHex(), note.signedNote(key.publicKey())));
    outbox.append(Topics.AUDIT, Topics.auditKey(null), event(note, row));
    return Optional.of(new Outcome(Checkpoint.of(row, note), true));
  }

  /** The latest checkpoint, if any. */
  @Transactional(readOnly = true)
  public Optional<Checkpoint> latest() {
    return checkpoints.findLatest().map(row -> Checkpoint.of(row, noteOf(row)));
  }

  private void requireExtends(CheckpointRow previous, long size, MerkleTree tree) {
    if (size < previous.treeSize()) {
      throw new LedgerInconsistentException(
          "the ledger has "
              + size
              + " entries in a row, fewer than the "
              + previous.treeSize()
              + " of its latest checkpoint: entries were removed; run GET /api/v1/audit/verify");
    }
    noteOf(previous);
    List<byte[]> proof = tree.consistencyProof(previous.treeSize(), size);
    byte[] previousRoot = tree.rootHash(previous.treeSize());
    boolean consistent =
        MessageDigest.isEqual(previousRoot, previous.rootHash())
            && MerkleProofs.verifyConsistency(
                previous.treeSize(), size, previous.rootHash(), tree.rootHash(size), proof);
    if (!consistent) {
      throw new LedgerInconsistentException(
          "the ledger's first "
              + previous.treeSize()
              + " entries no longer hash to the root of the checkpoint of that size: entries were"
              + " changed; no checkpoint is signed until this is resolved; run GET"
              + " /api/v1/audit/verify");
    }
  }

  /**
   * The stored note, its signature checked when it is this key's (a checkpoint row inserted by
   * anyone else carries no valid signature; one of an earlier key is taken as stored).
   */
  private CheckpointNote noteOf(CheckpointRow row) {
    if (!row.keyId().equals(key.keyIdHex())) {
      return CheckpointNote.parseUnverified(row.note());
    }
    try {
      return CheckpointNote.verify(row.note(), key.publicKey());
    } catch (InvalidCheckpointException e) {
      throw new LedgerInconsistentException(
          "the checkpoint of size "
              + row.treeSize()
              + " is not signed by the audit key: "
              + e.getMessage());
    }
  }

  private static AuditCheckpoint event(CheckpointNote note, CheckpointRow row) {
    return AuditCheckpoint.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(note.timestamp())
        .setOrigin(note.origin())
        .setTreeSize(row.treeSize())
        .setRootHash(HexFormat.of().formatHex(row.rootHash()))
        .setKeyId(row.keyId())
        .setSignature(ByteBuffer.wrap(note.signature()))
        .setNote(row.note())
        .build();
  }
}
