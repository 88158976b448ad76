package dev.hallmark.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 section 2.1 written down as literally as possible, independent of the production code
 * (it hashes with its own MessageDigest calls and uses no class of this package): MTH, PATH and
 * PROOF by their recursive definitions over a list of leaves, and proof checks that rebuild the
 * roots by the same recursion. Tests compare the production tree and its RFC 9162 verifiers with
 * it.
 */
public final class IndependentMerkle {
  private IndependentMerkle() {}

  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  public static byte[] leafHash(byte[] leaf) {
    return sha256(new byte[] {0}, leaf);
  }

  static byte[] node(byte[] left, byte[] right) {
    return sha256(new byte[] {1}, left, right);
  }

  static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[n]). */
  public static byte[] mth(List<byte[]> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leafHash(leaves.get(0));
    }
    int k = split(n);
    return node(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
  }

  /** PATH(m, D[n]). */
  public static List<byte[]> path(int m, List<byte[]> leaves) {
    int n = leaves.size();
    List<byte[]> result = new ArrayList<>();
    if (n <= 1) {
      return result;
    }
    int k = split(n);
    if (m < k) {
      result.addAll(path(m, leaves.subList(0, k)));
      result.add(mth(leaves.subList(k, n)));
    } else {
      result.addAll(path(m - k, leaves.subList(k, n)));
      result.add(mth(leaves.subList(0, k)));
    }
    return result;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  public static List<byte[]> proof(int m, List<byte[]> leaves) {
    return subproof(m, leaves, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean b) {
    int n = leaves.size();
    List<byte[]> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(leaves));
      }
      return result;
    }
    int k = split(n);
    if (m <= k) {
      result.addAll(subproof(m, leaves.subList(0, k), b));
      result.add(mth(leaves.subList(k, n)));
    } else {
      result.addAll(subproof(m - k, leaves.subList(k, n), false));
      result.add(mth(leaves.subList(0, k)));
    }
    return result;
  }

  /**
   * The root an audit path leads to from {@code leafHash} at {@code index} in a tree of {@code
   * size}, or null if the path has the wrong length. The last hash of the path is the top-level
   * sibling, so the recursion consumes the path from its end.
   */
  public static byte[] rootFromPath(long index, long size, byte[] leafHash, List<byte[]> path) {
    if (index < 0 || index >= size) {
      return null;
    }
    return rootFromPath(index, size, leafHash, new ArrayList<>(path), true);
  }

  private static byte[] rootFromPath(
      long m, long n, byte[] leafHash, List<byte[]> path, boolean top) {
    byte[] result;
    if (n == 1) {
      result = leafHash;
    } else {
      if (path.isEmpty()) {
        return null;
      }
      byte[] sibling = path.remove(path.size() - 1);
      long k = split((int) n);
      if (m < k) {
        byte[] left = rootFromPath(m, k, leafHash, path, false);
        result = left == null ? null : node(left, sibling);
      } else {
        byte[] right = rootFromPath(m - k, n - k, leafHash, path, false);
        result = right == null ? null : node(sibling, right);
      }
    }
    return top && !path.isEmpty() ? null : result;
  }

  /**
   * Whether a consistency proof leads from the old root to the new one: rebuilds both roots by the
   * SUBPROOF recursion, consuming the proof from its end.
   */
  public static boolean consistent(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    if (oldSize == newSize) {
      return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
    }
    if (oldSize == 0) {
      return proof.isEmpty();
    }
    if (oldSize > newSize) {
      return false;
    }
    List<byte[]> rest = new ArrayList<>(proof);
    byte[][] roots = rebuild(oldSize, newSize, true, oldRoot, rest);
    return roots != null
        && rest.isEmpty()
        && MessageDigest.isEqual(roots[0], oldRoot)
        && MessageDigest.isEqual(roots[1], newRoot);
  }

  private static byte[][] rebuild(long m, long n, boolean b, byte[] oldRoot, List<byte[]> rest) {
    if (m == n) {
      if (b) {
        return new byte[][] {oldRoot, oldRoot};
      }
      if (rest.isEmpty()) {
        return null;
      }
      byte[] h = rest.remove(rest.size() - 1);
      return new byte[][] {h, h};
    }
    if (rest.isEmpty()) {
      return null;
    }
    byte[] sibling = rest.remove(rest.size() - 1);
    long k = split((int) n);
    if (m <= k) {
      byte[][] inner = rebuild(m, k, b, oldRoot, rest);
      return inner == null ? null : new byte[][] {inner[0], node(inner[1], sibling)};
    }
    byte[][] inner = rebuild(m - k, n - k, false, oldRoot, rest);
    return inner == null ? null : new byte[][] {node(sibling, inner[0]), node(sibling, inner[1])};
  }
}
