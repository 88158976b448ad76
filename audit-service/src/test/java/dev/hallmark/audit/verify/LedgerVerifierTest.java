package dev.hallmark.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.merkle.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerVerifierTest {
  static final int SIZE = 10;

  static byte[] hash(String leaf) {
    return TreeHashes.leafHash(leaf.getBytes(StandardCharsets.UTF_8));
  }

  static List<byte[]> exported() {
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      hashes.add(hash("entry " + i));
    }
    return hashes;
  }

  /** Rows as stored: entry i at seq i, then {@code extra} newer entries. */
  static List<RowDigest> intact(int extra) {
    List<RowDigest> rows = new ArrayList<>();
    for (int i = 0; i < SIZE + extra; i++) {
      rows.add(new RowDigest(i, hash("entry " + i), null));
    }
    return rows;
  }

  static List<String> problems(VerificationReport report) {
    return report.problems() == null
        ? List.of()
        : report.problems().stream().map(p -> p.kind() + "@" + p.seq()).toList();
  }

  @Test
  void verify_intactRowsAndNewerOnes_isValidAndCountsTheUncovered() {
    VerificationReport report = LedgerVerifier.verify(exported(), intact(3));

    assertThat(report.valid()).isTrue();
    assertThat(report.treeSize()).isEqualTo(SIZE);
    assertThat(report.uncoveredEntries()).isEqualTo(3);
    assertThat(report.problems()).isNull();
  }

  @Test
  void verify_rowChangedInPlace_isModifiedAtItsSeq() {
    List<RowDigest> rows = intact(0);
    rows.set(4, new RowDigest(4, hash("entry 4, edited"), null));

    assertThat(problems(LedgerVerifier.verify(exported(), rows))).containsExactly("modified@4");
  }

  @Test
  void verify_columnDifferingFromItsLeaf_isModified() {
    List<RowDigest> rows = intact(0);
    rows.set(2, new RowDigest(2, hash("entry 2"), "columns project differ from the leaf"));

    VerificationReport report = LedgerVerifier.verify(exported(), rows);

    assertThat(problems(report)).containsExactly("modified@2");
    assertThat(report.problems().get(0).detail()).contains("project");
  }

  @Test
  void verify_rowRemoved_isDeleted() {
    List<RowDigest> rows = intact(2);
    rows.remove(6);

    assertThat(problems(LedgerVerifier.verify(exported(), rows))).containsExactly("deleted@6");
  }

  @Test
  void verify_rowRemovedAndLaterOnesRenumbered_isDeletedOnly() {
    List<RowDigest> rows = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      if (i != 3) {
        rows.add(new RowDigest(i < 3 ? i : i - 1, hash("entry " + i), null));
      }
    }

    assertThat(problems(LedgerVerifier.verify(exported(), rows))).containsExactly("deleted@3");
  }

  @Test
  void verify_forgedRowBetweenWithLaterOnesRenumbered_isInsertedOnly() {
    List<RowDigest> rows = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      if (i == 5) {
        rows.add(new RowDigest(5, hash("forged"), null));
      }
      rows.add(new RowDigest(i < 5 ? i : i + 1, hash("entry " + i), null));
    }

    assertThat(problems(LedgerVerifier.verify(exported(), rows))).containsExactly("inserted@5");
  }

  @Test
  void verify_forgedRowWithTheSameSeq_isInserted() {
    List<RowDigest> rows = intact(0);
    rows.add(8, new RowDigest(7, hash("forged"), null));

    assertThat(problems(LedgerVerifier.verify(exported(), rows))).containsExactly("inserted@7");
  }

  @Test
  void verify_twoRowsSwapped_areBothReordered() {
    List<RowDigest> rows = intact(0);
    rows.set(3, new RowDigest(3, hash("entry 5"), null));
    rows.set(5, new RowDigest(5, hash("entry 3"), null));

    assertThat(problems(LedgerVerifier.verify(exported(), rows)))
        .containsExactly("reordered@3", "reordered@5");
  }

  @Test
  void verify_neighboursSwapped_areBothReordered() {
    List<RowDigest> rows = intact(0);
    rows.set(6, new RowDigest(6, hash("entry 7"), null));
    rows.set(7, new RowDigest(7, hash("entry 6"), null));

    assertThat(problems(LedgerVerifier.verify(exported(), rows)))
        .containsExactly("reordered@6", "reordered@7");
  }

  @Test
  void verify_tailRemoved_isTruncatedOnceAtTheFirstMissingSeq() {
    List<RowDigest> rows = intact(0).subList(0, 7);

    VerificationReport report = LedgerVerifier.verify(exported(), rows);

    assertThat(problems(report)).containsExactly("truncated@7");
    assertThat(report.problems().get(0).detail()).contains("entries 7 to 9");
  }

  @Test
  void verify_noRows_isTruncatedFromZero() {
    assertThat(problems(LedgerVerifier.verify(exported(), List.of())))
        .containsExactly("truncated@0");
  }

  @Test
  void verify_emptyExport_coversNothing() {
    VerificationReport report = LedgerVerifier.verify(List.of(), intact(0));

    assertThat(report.valid()).isTrue();
    assertThat(report.treeSize()).isZero();
    assertThat(report.uncoveredEntries()).isEqualTo(SIZE);
  }

  @Test
  void exportUnusable_reason_isOneExportProblem() {
    VerificationReport report = LedgerVerifier.exportUnusable("bad signature");

    assertThat(report.valid()).isFalse();
    assertThat(report.problems())
        .containsExactly(
            new VerificationProblem(null, VerificationProblem.EXPORT, "bad signature"));
  }
}
