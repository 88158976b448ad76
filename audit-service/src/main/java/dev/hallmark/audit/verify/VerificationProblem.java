package dev.hallmark.audit.verify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing the verifier found.
 *
 * @param seq the position in the checkpointed tree it concerns (for {@code inserted}: the stored
 *     row's seq); null for {@code export}
 * @param kind {@code modified}: the row at seq does not hash to the exported leaf hash, or its
 *     columns differ from its leaf; {@code deleted}: no row holds entry seq; {@code inserted}: a
 *     row that is no entry of the checkpoint sits among them; {@code reordered}: entry seq is
 *     stored at another seq; {@code truncated}: the rows end before the checkpoint's size, from seq
 *     on; {@code export}: the export itself is unusable (missing, unsigned, or not matching its
 *     root)
 * @param detail for people
 */
@Serdeable
public record VerificationProblem(@Nullable Long seq, String kind, String detail) {
  public static final String MODIFIED = "modified";
  public static final String DELETED = "deleted";
  public static final String INSERTED = "inserted";
  public static final String REORDERED = "reordered";
  public static final String TRUNCATED = "truncated";
  public static final String EXPORT = "export";
}
