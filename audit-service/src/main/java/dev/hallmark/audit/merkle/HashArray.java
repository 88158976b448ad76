package dev.hallmark.audit.merkle;

import java.util.Arrays;

/**
 * A growable array of 32-byte hashes in one {@code byte[]}: 32 bytes per hash and no object per
 * entry, so a million leaves cost 32 MB. At most {@value #MAX_SIZE} hashes (the largest Java
 * array).
 */
final class HashArray {
  static final int MAX_SIZE = Integer.MAX_VALUE / TreeHashes.LENGTH;

  private byte[] bytes = new byte[64 * TreeHashes.LENGTH];
  private int size;

  int size() {
    return size;
  }

  void add(byte[] hash) {
    if (hash.length != TreeHashes.LENGTH) {
      throw new IllegalArgumentException("a hash has 32 bytes, not " + hash.length);
    }
    if (size == MAX_SIZE) {
      throw new IllegalStateException("the tree holds at most " + MAX_SIZE + " hashes per level");
    }
    int needed = (size + 1) * TreeHashes.LENGTH;
    if (needed > bytes.length) {
      long doubled = Math.max(needed, 2L * bytes.length);
      bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, (long) MAX_SIZE * TreeHashes.LENGTH));
    }
    System.arraycopy(hash, 0, bytes, size * TreeHashes.LENGTH, TreeHashes.LENGTH);
    size++;
  }

  byte[] get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
    int from = index * TreeHashes.LENGTH;
    return Arrays.copyOfRange(bytes, from, from + TreeHashes.LENGTH);
  }
}
