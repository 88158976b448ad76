package dev.hallmark.audit.verify;

/** The export directory cannot be used to verify: missing files, a bad signature, a wrong root. */
public final class ExportException extends RuntimeException {
  public ExportException(String message) {
    super(message);
  }
}
