package dev.hallmark.audit.ledger;

/** Bytes that are not a ledger leaf of a known version; the message says why, never the bytes. */
public final class MalformedLeafException extends RuntimeException {
  public MalformedLeafException(String message) {
    super(message);
  }
}
