package dev.hallmark.audit.verify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the stored rows with an exported checkpoint's leaf hashes and names each difference
 * (kinds in {@link VerificationProblem}). Rows are matched to checkpoint entries by their
 * recomputed leaf hash, which is unique (a leaf holds its seq and event id):
 *
 * <ul>
 *   <li>a row whose hash is entry i's and whose seq is i is in place;
 *   <li>a row whose hash is entry i's at another seq is in place too if its neighbour moved with it
 *       (rows renumbered after an insertion or deletion, which is reported by itself), otherwise
 *       entry i is <em>reordered</em>;
 *   <li>an entry no row holds is <em>modified</em> if a row with an unknown hash sits at its seq,
 *       <em>truncated</em> if no row at all comes at or after it (reported once, at the first), and
 *       <em>deleted</em> otherwise;
 *   <li>a row with an unknown hash that explains no entry is <em>inserted</em>, unless its seq is
 *       beyond the checkpoint: then it is a newer entry no checkpoint covers yet;
 *   <li>a row in place whose columns differ from its leaf is <em>modified</em>.
 * </ul>
 */
public final class LedgerVerifier {
  private LedgerVerifier() {}

  /**
   * @param exported the checkpoint's leaf hashes, entry 0 first
   * @param rows every stored row, in seq order
   */
  public static VerificationReport verify(List<byte[]> exported, List<RowDigest> rows) {
    int size = exported.size();
    Map<ByteBuffer, Integer> indexOf = new HashMap<>();
    for (int i = size - 1; i >= 0; i--) {
      indexOf.put(ByteBuffer.wrap(exported.get(i)), i);
    }
    int[] index = new int[rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      index[j] = indexOf.getOrDefault(ByteBuffer.wrap(rows.get(j).leafHash()), -1);
    }

    List<VerificationProblem> problems = new ArrayList<>();
    RowDigest[] holder = new RowDigest[size];
    Map<Integer, RowDigest> movedTo = new HashMap<>();
    List<RowDigest> unknown = new ArrayList<>();
    for (int j = 0; j < rows.size(); j++) {
      RowDigest row = rows.get(j);
      int i = index[j];
      if (i < 0 || holder[i] != null) {
        unknown.add(row);
      } else if (row.seq() == i || movedWithNeighbour(index, j)) {
        holder[i] = row;
      } else {
        movedTo.putIfAbsent(i, row);
      }
    }

    long lastSeq = rows.isEmpty() ? -1 : rows.get(rows.size() - 1).seq();
    Map<Long, RowDigest> unknownAt = new HashMap<>();
    unknown.forEach(row -> unknownAt.putIfAbsent(row.seq(), row));
    Set<RowDigest> explained = Collections.newSetFromMap(new IdentityHashMap<>());
    long truncatedFrom = -1;
    for (int i = 0; i < size; i++) {
      if (holder[i] != null) {
        if (holder[i].columnProblem() != null) {
          add(problems, i, VerificationProblem.MODIFIED, holder[i].columnProblem());
        }
        continue;
      }
      RowDigest moved = movedTo.get(i);
      if (moved != null) {
        add(
            problems,
            i,
            VerificationProblem.REORDERED,
            "entry " + i + " is stored at seq " + moved.seq());
      } else if (unknownAt.containsKey((long) i)) {
        explained.add(unknownAt.get((long) i));
        add(
            problems,
            i,
            VerificationProblem.MODIFIED,
            "the row at seq " + i + " is not the entry the checkpoint has");
      } else if (i > lastSeq) {
        truncatedFrom = truncatedFrom < 0 ? i : truncatedFrom;
      } else {
        add(problems, i, VerificationProblem.DELETED, "no row holds entry " + i);
      }
    }
    if (truncatedFrom >= 0) {
      add(
          problems,
          truncatedFrom,
          VerificationProblem.TRUNCATED,
          "the rows end at seq "
              + lastSeq
              + "; entries "
              + truncatedFrom
              + " to "
              + (size - 1)
              + " are missing");
    }
    long uncovered = 0;
    for (RowDigest row : unknown) {
      if (explained.contains(row)) {
        continue;
      }
      if (row.seq() >= size) {
        uncovered++;
      } else {
        add(
            problems,
            row.seq(),
            VerificationProblem.INSERTED,
            "the row at seq " + row.seq() + " is no entry of the checkpoint");
      }
    }
    problems.sort(Comparator.comparing(VerificationProblem::seq));
    return VerificationReport.of(size, uncovered, problems);
  }

  /** An export that cannot be used: one problem, nothing else checked. */
  public static VerificationReport exportUnusable(String reason) {
    return VerificationReport.of(
        0, 0, List.of(new VerificationProblem(null, VerificationProblem.EXPORT, reason)));
  }

  /** Whether the row before or after holds the neighbouring entry (a renumbered run). */
  private static boolean movedWithNeighbour(int[] index, int j) {
    int i = index[j];
    return (j > 0 && index[j - 1] >= 0 && index[j - 1] == i - 1)
        || (j + 1 < index.length && index[j + 1] >= 0 && index[j + 1] == i + 1);
  }

  private static void add(
      List<VerificationProblem> problems, long seq, String kind, String detail) {
    problems.add(new VerificationProblem(seq, kind, detail));
  }
}
