package dev.hallmark.audit.checkpoint;

/**
 * The export directory holds leaf hashes the ledger does not have (the export or the database was
 * changed): the export is left as it is, for the verifier and the people who run it.
 */
public final class ExportMismatchException extends RuntimeException {
  public ExportMismatchException(String message) {
    super(message);
  }
}
