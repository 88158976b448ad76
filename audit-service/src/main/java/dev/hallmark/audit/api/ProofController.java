package dev.hallmark.audit.api;

import dev.hallmark.audit.checkpoint.Checkpoint;
import dev.hallmark.audit.checkpoint.CheckpointService;
import dev.hallmark.audit.ledger.LedgerTree;
import dev.hallmark.runtime.http.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 6962 proofs of the ledger's tree, in the shapes outside verifiers use: hashes in lower-case
 * hex, listed from the leaf (or the smaller tree) upward.
 */
@Controller("/api/v1/audit")
final class ProofController {
  private final LedgerTree ledgerTree;
  private final CheckpointService checkpoints;

  ProofController(LedgerTree ledgerTree, CheckpointService checkpoints) {
    this.ledgerTree = ledgerTree;
    this.checkpoints = checkpoints;
  }

  /**
   * The entry's exact leaf and its audit path in the tree of {@code treeSize} entries (default: the
   * latest checkpoint's size).
   */
  @Get(value = "/entries/{seq}/inclusion-proof", produces = MediaType.APPLICATION_JSON)
  InclusionProof inclusionProof(@PathVariable String seq, @Nullable @QueryValue String treeSize) {
    FieldErrors errors = new FieldErrors();
    long index = parse("seq", seq, 0, errors);
    long size = treeSize == null ? latestSize() : parse("treeSize", treeSize, 1, errors);
    errors.throwIfAny();
    long entries = ledgerTree.sync();
    if (index >= entries) {
      throw new HttpStatusException(
          HttpStatus.NOT_FOUND, "no entry " + index + ": the ledger has " + entries);
    }
    if (size > entries) {
      errors.add("treeSize", "must be at most the ledger's size, " + entries);
    } else if (index >= size) {
      errors.add("seq", "must be below treeSize " + size);
    }
    errors.throwIfAny();
    byte[] leaf =
        ledgerTree
            .storedLeaf(index)
            .orElseThrow(
                () ->
                    new HttpStatusException(
                        HttpStatus.NOT_FOUND,
                        "entry " + index + " is in the tree but not in the database"));
    return new InclusionProof(
        index,
        size,
        Base64.getEncoder().encodeToString(leaf),
        hex(ledgerTree.tree().inclusionProof(index, size)));
  }

  /** The proof that the tree of {@code to} entries extends the tree of {@code from}. */
  @Get(value = "/consistency-proof", produces = MediaType.APPLICATION_JSON)
  ConsistencyProof consistencyProof(
      @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
    FieldErrors errors = new FieldErrors();
    long first = parse("from", from, 0, errors);
    long second = parse("to", to, 0, errors);
    errors.throwIfAny();
    long entries = ledgerTree.sync();
    if (second > entries) {
      errors.add("to", "must be at most the ledger's size, " + entries);
    }
    if (first > second) {
      errors.add("from", "must be at most to");
    }
    errors.throwIfAny();
    return new ConsistencyProof(hex(ledgerTree.tree().consistencyProof(first, second)));
  }

  private long latestSize() {
    return checkpoints
        .latest()
        .map(Checkpoint::treeSize)
        .filter(size -> size > 0)
        .orElseThrow(
            () ->
                new HttpStatusException(
                    HttpStatus.NOT_FOUND, "no checkpoint covers any entry yet; give treeSize"));
  }

  private static long parse(String name, String value, long min, FieldErrors errors) {
    if (value == null || value.isBlank()) {
      errors.add(name, "is required");
      return min;
    }
    try {
      long number = Long.parseLong(value);
      if (number < min) {
        errors.add(name, "must be at least " + min);
      }
      return number;
    } catch (NumberFormatException e) {
      errors.add(name, "must be a whole number");
      return min;
    }
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HexFormat.of()::formatHex).toList();
  }

  /**
   * @param leaf the entry's leaf, base64: its leaf hash is SHA-256(0x00 || leaf)
   */
  @Serdeable
  record InclusionProof(long leafIndex, long treeSize, String leaf, List<String> hashes) {}

  @Serdeable
  record ConsistencyProof(List<String> hashes) {}
}
