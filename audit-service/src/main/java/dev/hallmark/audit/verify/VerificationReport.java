package dev.hallmark.audit.verify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The verifier's answer ({@code GET /api/v1/audit/verify}, the command's output).
 *
 * @param treeSize the exported checkpoint's size: entries 0 to treeSize - 1 were checked
 * @param uncoveredEntries rows after it, which no checkpoint covers yet (not problems)
 * @param problems what was found, in seq order; null when valid
 */
@Serdeable
public record VerificationReport(
    boolean valid,
    long treeSize,
    long uncoveredEntries,
    @Nullable List<VerificationProblem> problems) {

  static VerificationReport of(long treeSize, long uncovered, List<VerificationProblem> problems) {
    return problems.isEmpty()
        ? new VerificationReport(true, treeSize, uncovered, null)
        : new VerificationReport(false, treeSize, uncovered, List.copyOf(problems));
  }
}
