package dev.hallmark.e2e;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962's Merkle tree hashes and the proof checks of RFC 9162, section 2.1.3.2 (inclusion) and
 * 2.1.4.2 (consistency), written from the RFCs for the tests: it shares no code with audit-service,
 * so a proof that verifies here verifies for any outside auditor.
 */
final class Rfc6962 {
  private Rfc6962() {}

  /** SHA-256(0x00 || leaf). */
  static byte[] leafHash(byte[] leaf) {
    return sha256(new byte[] {0x00}, leaf);
  }

  /** SHA-256(0x01 || left || right). */
  static byte[] nodeHash(byte[] left, byte[] right) {
    return sha256(new byte[] {0x01}, left, right);
  }

  /** RFC 9162, 2.1.3.2: does {@code path} prove the leaf at {@code index} in the tree of root? */
  static boolean verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= treeSize) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** RFC 9162, 2.1.4.2: does {@code path} prove that the tree of size second extends first? */
  static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {
    if (first < 0 || second < first) {
      return false;
    }
    if (first == second) {
      return path.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (first == 0) {
      return path.isEmpty();
    }
    if (path.isEmpty()) {
      return false;
    }
    List<byte[]> proof = new ArrayList<>(path);
    if (Long.bitCount(first) == 1) {
      proof.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = proof.get(0);
    byte[] sr = proof.get(0);
    for (byte[] c : proof.subList(1, proof.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
