package dev.hallmark.notary;

import java.util.Arrays;

/** Two JSON values are the same when their canonical encodings are. */
final class CanonicalJsonEquality {
  private CanonicalJsonEquality() {}

  static boolean same(Object a, Object b) {
    try {
      return Arrays.equals(CanonicalJson.encode(a), CanonicalJson.encode(b));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
