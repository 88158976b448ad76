package dev.hallmark.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of an RFC 6962 Merkle tree (section 2.1) with SHA-256: a leaf is hashed with the
 * prefix byte {@code 0x00}, an interior node with {@code 0x01}, so that a leaf can never pass for a
 * node (second-preimage resistance).
 */
public final class TreeHashes {
  /** Every hash is a SHA-256 digest. */
  public static final int LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private TreeHashes() {}

  /** {@code SHA-256(0x00 || leaf)}. */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest sha256 = sha256();
    sha256.update(LEAF_PREFIX);
    sha256.update(leaf);
    return sha256.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha256 = sha256();
    sha256.update(NODE_PREFIX);
    sha256.update(left);
    sha256.update(right);
    return sha256.digest();
  }

  /** The root of the empty tree: {@code SHA-256()} of nothing. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** The largest power of two smaller than {@code n}; {@code n} must be at least 2. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
