package dev.hallmark.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 Merkle tree over leaf hashes, in memory. Besides the leaf hashes it keeps
 * the hash of every complete subtree (level k holds the roots of the aligned subtrees of 2^k
 * leaves), so that the root of any size, and every proof, costs O(log^2 n) hashes instead of
 * rehashing all leaves. The extra levels hold at most as many hashes as the leaves do.
 *
 * <p>The tree of size n is RFC 6962's MTH(D[n]): not padded to a power of two; the root of the
 * empty tree is SHA-256 of nothing. Proofs are RFC 6962 section 2.1.1 (audit path) and 2.1.2
 * (consistency proof), hashes listed from the leaf (or the old root) upward. Thread-safe.
 */
public final class MerkleTree {
  private final List<HashArray> levels = new ArrayList<>(List.of(new HashArray()));

  /** Adds the next leaf, by its leaf hash ({@link TreeHashes#leafHash}). */
  public synchronized void append(byte[] leafHash) {
    levels.get(0).add(leafHash);
    int level = 0;
    int index = levels.get(0).size() - 1;
    // A right child completes its parent: hash the pair into the level above, and so on upward.
    while (index % 2 == 1) {
      HashArray children = levels.get(level);
      byte[] parent = TreeHashes.nodeHash(children.get(index - 1), children.get(index));
      if (levels.size() == level + 1) {
        levels.add(new HashArray());
      }
      levels.get(level + 1).add(parent);
      level++;
      index /= 2;
    }
  }

  /** The number of leaves. */
  public synchronized long size() {
    return levels.get(0).size();
  }

  /** The leaf hash at {@code index}. */
  public synchronized byte[] leafHash(long index) {
    requireRange("index", index, 0, size() - 1);
    return levels.get(0).get((int) index);
  }

  /** MTH of the first {@code treeSize} leaves. */
  public synchronized byte[] rootHash(long treeSize) {
    requireRange("treeSize", treeSize, 0, size());
    return treeSize == 0 ? TreeHashes.emptyRoot() : subtreeHash(0, treeSize);
  }

  /**
   * The audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves, RFC 6962
   * PATH(m, D[n]).
   */
  public synchronized List<byte[]> inclusionProof(long index, long treeSize) {
    requireRange("treeSize", treeSize, 1, size());
    requireRange("index", index, 0, treeSize - 1);
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return proof;
  }

  /**
   * The proof that the tree of the first {@code to} leaves extends the one of the first {@code
   * from}, RFC 6962 PROOF(m, D[n]); empty when {@code from} is 0 or equals {@code to}.
   */
  public synchronized List<byte[]> consistencyProof(long from, long to) {
    requireRange("to", to, 0, size());
    requireRange("from", from, 0, to);
    List<byte[]> proof = new ArrayList<>();
    if (from > 0 && from < to) {
      subproof(from, 0, to, true, proof);
    }
    return proof;
  }

  /** RFC 6962 PATH over the leaves [start, end), for the absolute leaf index m. */
  private void path(long m, long start, long end, List<byte[]> proof) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = TreeHashes.largestPowerOfTwoBelow(n);
    if (m < start + k) {
      path(m, start, start + k, proof);
      proof.add(subtreeHash(start + k, end));
    } else {
      path(m, start + k, end, proof);
      proof.add(subtreeHash(start, start + k));
    }
  }

  /** RFC 6962 SUBPROOF(m, D[start:end], b); m counts leaves from start. */
  private void subproof(long m, long start, long end, boolean whole, List<byte[]> proof) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        proof.add(subtreeHash(start, end));
      }
      return;
    }
    long k = TreeHashes.largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, whole, proof);
      proof.add(subtreeHash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, proof);
      proof.add(subtreeHash(start, start + k));
    }
  }

  /**
   * MTH of the leaves [start, end). The RFC's recursion only ever asks for ranges whose left parts
   * are complete subtrees aligned to their size, which the levels hold.
   */
  private byte[] subtreeHash(long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return levels.get(level).get((int) (start / n));
    }
    long k = TreeHashes.largestPowerOfTwoBelow(n);
    return TreeHashes.nodeHash(subtreeHash(start, start + k), subtreeHash(start + k, end));
  }

  private static void requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
