package dev.hallmark.audit.verify;

import dev.hallmark.audit.checkpoint.CheckpointExport;
import dev.hallmark.audit.checkpoint.CheckpointNote;
import dev.hallmark.audit.checkpoint.InvalidCheckpointException;
import dev.hallmark.audit.merkle.MerkleTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The export directory as the verifier trusts it: a checkpoint whose signature verifies with the
 * audit public key, and the leaf hashes of its entries, which must give its root.
 *
 * @param leafHashes the first {@code checkpoint.treeSize()} lines of the leaf hash file
 */
public record ExportedLedger(CheckpointNote checkpoint, List<byte[]> leafHashes) {

  /**
   * @return empty if the directory has no checkpoint file at all
   * @throws ExportException if what is there cannot be trusted
   */
  public static Optional<ExportedLedger> read(Path dir, PublicKey publicKey) {
    Path noteFile = dir.resolve(CheckpointExport.CHECKPOINT);
    String note;
    try {
      note = Files.readString(noteFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ExportException(noteFile + " cannot be read: " + e.getClass().getSimpleName());
    }
    CheckpointNote checkpoint;
    try {
      checkpoint = CheckpointNote.verify(note, publicKey);
    } catch (InvalidCheckpointException e) {
      throw new ExportException(noteFile + ": " + e.getMessage());
    }
    List<byte[]> hashes =
        leafHashes(dir.resolve(CheckpointExport.LEAF_HASHES), checkpoint.treeSize());
    MerkleTree tree = new MerkleTree();
    hashes.forEach(tree::append);
    if (!MessageDigest.isEqual(tree.rootHash(hashes.size()), checkpoint.rootHash())) {
      throw new ExportException(
          "the exported leaf hashes do not give the root of checkpoint " + checkpoint.treeSize());
    }
    return Optional.of(new ExportedLedger(checkpoint, hashes));
  }

  private static List<byte[]> leafHashes(Path file, long count) {
    List<byte[]> hashes = new ArrayList<>();
    byte[] line = new byte[CheckpointExport.LINE_LENGTH];
    try (InputStream in = Files.newInputStream(file)) {
      while (hashes.size() < count) {
        if (in.readNBytes(line, 0, line.length) != line.length || line[line.length - 1] != '\n') {
          throw new ExportException(
              file + " has " + hashes.size() + " complete lines; the checkpoint covers " + count);
        }
        hashes.add(HexFormat.of().parseHex(new String(line, 0, 64, StandardCharsets.US_ASCII)));
      }
    } catch (NoSuchFileException e) {
      if (count > 0) {
        throw new ExportException(file + " is missing");
      }
    } catch (IOException e) {
      throw new ExportException(file + " cannot be read: " + e.getClass().getSimpleName());
    } catch (IllegalArgumentException e) {
      throw new ExportException(file + " line " + (hashes.size() + 1) + " is not 64 hex digits");
    }
    return hashes;
  }
}
