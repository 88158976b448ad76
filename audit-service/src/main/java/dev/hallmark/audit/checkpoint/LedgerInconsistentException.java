package dev.hallmark.audit.checkpoint;

/**
 * The ledger no longer extends its latest checkpoint (rows changed or removed behind
 * audit-service's back, or a checkpoint that is not this key's): no new checkpoint is signed.
 */
public final class LedgerInconsistentException extends RuntimeException {
  public LedgerInconsistentException(String message) {
    super(message);
  }
}
