package dev.hallmark.audit.verify;

import dev.hallmark.audit.ledger.LedgerColumns;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.audit.ledger.MalformedLeafException;
import dev.hallmark.audit.merkle.TreeHashes;
import java.util.ArrayList;
import java.util.List;

/**
 * What the verifier keeps of one stored row: its seq, the leaf hash recomputed from its leaf bytes,
 * and whether its indexed columns say what its leaf says.
 *
 * @param columnProblem which columns differ from the leaf, or why the leaf is unreadable; null when
 *     they agree
 */
public record RowDigest(long seq, byte[] leafHash, String columnProblem) {

  public static RowDigest of(long seq, byte[] leaf, LedgerColumns stored) {
    return new RowDigest(seq, TreeHashes.leafHash(leaf), columnProblem(leaf, stored));
  }

  private static String columnProblem(byte[] leaf, LedgerColumns stored) {
    LedgerColumns derived;
    try {
      derived = LedgerColumns.of(LedgerEntry.fromLeaf(leaf));
    } catch (MalformedLeafException | ArithmeticException e) {
      return "the leaf is not a ledger entry: " + e.getMessage();
    }
    if (derived.equals(stored)) {
      return null;
    }
    List<String> differing = new ArrayList<>();
    var components = LedgerColumns.class.getRecordComponents();
    for (var component : components) {
      try {
        Object left = component.getAccessor().invoke(derived);
        Object right = component.getAccessor().invoke(stored);
        if (left == null ? right != null : !left.equals(right)) {
          differing.add(component.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return "columns " + String.join(", ", differing) + " differ from the leaf";
  }
}
