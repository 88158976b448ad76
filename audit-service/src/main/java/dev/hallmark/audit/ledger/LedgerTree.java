package dev.hallmark.audit.ledger;

import dev.hallmark.audit.merkle.MerkleTree;
import dev.hallmark.audit.merkle.TreeHashes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Merkle tree of the ledger, in memory: the leaf hashes of every entry, read from the database
 * once and then as entries are appended. Checkpoints and proofs come from it. It only grows: once a
 * leaf hash is here, a later change of that row in the database does not change the tree, so the
 * next checkpoint still extends the previous one, and the verifier names the row.
 */
@Singleton
public class LedgerTree {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerTree.class);
  private static final int PAGE = 2000;
  private final LedgerRepository ledger;
  private final MerkleTree tree = new MerkleTree();
  private long reportedGapAt = -1;

  LedgerTree(LedgerRepository ledger) {
    this.ledger = ledger;
  }

  /**
   * Adds the entries committed since the last call, in seq order.
   *
   * @return the tree's size now
   */
  public synchronized long sync() {
    while (true) {
      long next = tree.size();
      List<LedgerRow> rows = ledger.findFrom(next, PAGE);
      for (LedgerRow row : rows) {
        if (row.seq() != next) {
          // Appends are gapless; a gap (or a duplicate) means the table was changed behind
          // audit-service's back. The tree stops there; checkpoints stop growing; verify says why.
          if (reportedGapAt != next) {
            LOG.error(
                "the ledger has no single entry at seq {} (found seq {}): it was changed outside"
                    + " audit-service; the tree stops there. Run GET /api/v1/audit/verify",
                next,
                row.seq());
            reportedGapAt = next;
          }
          return tree.size();
        }
        tree.append(TreeHashes.leafHash(row.leaf()));
        next++;
      }
      if (rows.size() < PAGE) {
        return tree.size();
      }
    }
  }

  /**
   * The stored leaf of entry {@code seq}, or empty when the database has none (or, after tampering,
   * several).
   */
  public Optional<byte[]> storedLeaf(long seq) {
    List<LedgerRow> rows = ledger.findAllBySeq(seq);
    return rows.size() == 1 ? Optional.of(rows.get(0).leaf()) : Optional.empty();
  }

  /** The tree as synced so far; {@link #sync()} first for the latest entries. */
  public MerkleTree tree() {
    return tree;
  }
}
