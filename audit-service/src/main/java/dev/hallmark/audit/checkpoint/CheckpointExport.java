package dev.hallmark.audit.checkpoint;

import dev.hallmark.audit.ledger.CanonicalJson;
import dev.hallmark.audit.ledger.LedgerTree;
import dev.hallmark.audit.merkle.MerkleTree;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the latest checkpoint and the leaf hashes it covers to a directory outside the database
 * ({@value #SETTING}), where the verifier finds what the database must still agree with:
 *
 * <ul>
 *   <li>{@value #CHECKPOINT}: the signed note; {@value #CHECKPOINT_JSON}: the same as the API's
 *       JSON; both replaced atomically (temporary file, then rename);
 *   <li>{@value #LEAF_HASHES}: line i (from 0) is the leaf hash of entry seq i, 64 lower-case hex
 *       digits and a newline (65 bytes a line, so line i starts at byte 65 * i). Append-only: the
 *       lines of a checkpoint are written and synced before the checkpoint that covers them, so the
 *       file may hold more lines than the latest checkpoint, never fewer; a line cut by a crash is
 *       dropped and written again;
 *   <li>{@value #PUBLIC_KEY}: the audit key's public key, for convenience (an auditor takes the key
 *       from a source they trust).
 * </ul>
 *
 * On its first export a process checks the lines already there against the ledger's tree and
 * refuses to touch a directory that disagrees ({@link ExportMismatchException}).
 */
@Singleton
public class CheckpointExport {
  static final String SETTING = "hallmark.audit.export-dir";
  public static final String CHECKPOINT = "checkpoint";
  public static final String CHECKPOINT_JSON = "checkpoint.json";
  public static final String LEAF_HASHES = "leaf-hashes";
  public static final String PUBLIC_KEY = "audit-key.pub";

  /** 64 hex digits and a newline. */
  public static final int LINE_LENGTH = 65;

  private final Path dir;
  private final LedgerTree ledgerTree;
  private final AuditKey key;
  private long checkedLines = -1;
  private long exportedSize = -1;

  CheckpointExport(
      @Value("${" + SETTING + ":}") @Nullable String dir, LedgerTree ledgerTree, AuditKey key) {
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          SETTING
              + " (HALLMARK_AUDIT_EXPORT_DIR) is not set: audit-service writes every checkpoint and"
              + " the leaf hashes it covers to a directory outside the database, which the verifier"
              + " compares the database with; see docs/operations.md");
    }
    this.dir = Path.of(dir).toAbsolutePath();
    this.ledgerTree = ledgerTree;
    this.key = key;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Exports a checkpoint made from this ledger, with its leaf hashes; nothing if this process
   * exported it, or a larger one, already (a scheduled run and a request may finish in either
   * order).
   *
   * @throws ExportMismatchException if the directory's leaf hashes are not the ledger's
   */
  public synchronized void export(Checkpoint checkpoint) {
    if (checkpoint.treeSize() <= exportedSize) {
      return;
    }
    try {
      Files.createDirectories(dir);
      if (ledgerTree.sync() < checkpoint.treeSize()) {
        throw new IllegalStateException(
            "the ledger's tree has fewer entries than checkpoint " + checkpoint.treeSize());
      }
      appendLeafHashes(checkpoint.treeSize());
      writeAtomically(PUBLIC_KEY, key.publicKeyPem());
      writeAtomically(
          CHECKPOINT_JSON,
          new String(CanonicalJson.encode(json(checkpoint)), StandardCharsets.UTF_8) + "\n");
      writeAtomically(CHECKPOINT, checkpoint.note());
      exportedSize = checkpoint.treeSize();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not export checkpoint " + checkpoint.treeSize() + " to " + dir, e);
    }
  }

  private void appendLeafHashes(long treeSize) throws IOException {
    MerkleTree tree = ledgerTree.tree();
    try (FileChannel file =
        FileChannel.open(
            dir.resolve(LEAF_HASHES),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      long lines = file.size() / LINE_LENGTH;
      if (file.size() % LINE_LENGTH != 0) {
        file.truncate(lines * LINE_LENGTH);
      }
      if (checkedLines < 0) {
        check(file, lines, tree);
        checkedLines = lines;
      }
      if (lines >= treeSize) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(treeSize - lines, 4096) * LINE_LENGTH);
      file.position(lines * LINE_LENGTH);
      for (long seq = lines; seq < treeSize; seq++) {
        buffer.put(
            (HexFormat.of().formatHex(tree.leafHash(seq)) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (!buffer.hasRemaining() || seq == treeSize - 1) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            file.write(buffer);
          }
          buffer.clear();
        }
      }
      file.force(true);
      checkedLines = treeSize;
    }
  }

  /** The lines already exported must be the tree's leaf hashes. */
  private void check(FileChannel file, long lines, MerkleTree tree) throws IOException {
    ByteBuffer line = ByteBuffer.allocate(LINE_LENGTH);
    for (long seq = 0; seq < lines; seq++) {
      line.clear();
      file.read(line, seq * LINE_LENGTH);
      String exported = new String(line.array(), StandardCharsets.US_ASCII);
      String expected =
          seq < tree.size() ? HexFormat.of().formatHex(tree.leafHash(seq)) + "\n" : null;
      if (!exported.equals(expected)) {
        throw new ExportMismatchException(
            "the leaf hash of entry "
                + seq
                + " in "
                + dir.resolve(LEAF_HASHES)
                + (expected == null
                    ? " is beyond the ledger's " + tree.size() + " entries"
                    : " is not the ledger's")
                + ": the export or the database was changed; nothing is exported until this is"
                + " resolved (run the verifier)");
      }
    }
  }

  private void writeAtomically(String name, String content) throws IOException {
    Path target = dir.resolve(name);
    Path temporary = Files.createTempFile(dir, "." + name + ".", ".tmp");
    try {
      // Nothing in the export is secret, and auditors may read it under another user.
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        file.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        file.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  static Map<String, Object> json(Checkpoint checkpoint) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("treeSize", checkpoint.treeSize());
    json.put("rootHash", checkpoint.rootHash());
    json.put("timestamp", checkpoint.timestamp());
    json.put("keyId", checkpoint.keyId());
    json.put("signature", checkpoint.signature());
    json.put("note", checkpoint.note());
    return json;
  }
}
