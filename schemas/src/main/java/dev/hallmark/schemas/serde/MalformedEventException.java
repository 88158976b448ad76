package dev.hallmark.schemas.serde;

import java.io.IOException;

/**
 * The bytes are not a valid single-object encoded event: too short, wrong marker, or a datum that
 * does not match its writer schema (truncated, corrupt, or followed by extra bytes). Retrying will
 * not help; the record belongs on a dead-letter topic.
 */
public final class MalformedEventException extends EventDecodingException {

  private static final long serialVersionUID = 1L;

  /** What is wrong with the bytes. */
  public enum Problem {
    /** Fewer bytes than the 10-byte single-object header. */
    TOO_SHORT,
    /** The first two bytes are not the single-object marker {@code C3 01}. */
    BAD_MARKER,
    /** The datum after the header does not decode with the writer schema. */
    CORRUPT_DATUM,
    /** The datum decoded but bytes were left over. */
    TRAILING_BYTES
  }

  private final Problem problem;
  private final int length;
  private final String schemaName;

  private MalformedEventException(
      Problem problem, int length, String schemaName, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.length = length;
    this.schemaName = schemaName;
  }

  static MalformedEventException tooShort(int length) {
    return new MalformedEventException(
        Problem.TOO_SHORT,
        length,
        null,
        "Not a single-object encoded event: "
            + length
            + " bytes, the header alone is "
            + SingleObjectEncoding.HEADER_LENGTH,
        null);
  }

  static MalformedEventException badMarker(int length) {
    return new MalformedEventException(
        Problem.BAD_MARKER,
        length,
        null,
        "Not a single-object encoded event: the " + length + " bytes do not start with C3 01",
        null);
  }

  static MalformedEventException corruptDatum(
      int length, String schemaName, long fingerprint, Throwable cause) {
    // Only I/O failures are chained: their messages never quote decoded values, whereas runtime
    // failures (e.g. an invalid UUID string) may.
    return new MalformedEventException(
        Problem.CORRUPT_DATUM,
        length,
        schemaName,
        "Corrupt "
            + schemaName
            + " datum (writer fingerprint "
            + SingleObjectEncoding.toHex(fingerprint)
            + ", "
            + length
            + " bytes): "
            + cause.getClass().getSimpleName(),
        cause instanceof IOException ? cause : null);
  }

  static MalformedEventException trailingBytes(int length, String schemaName, long fingerprint) {
    return new MalformedEventException(
        Problem.TRAILING_BYTES,
        length,
        schemaName,
        "Corrupt "
            + schemaName
            + " datum (writer fingerprint "
            + SingleObjectEncoding.toHex(fingerprint)
            + ", "
            + length
            + " bytes): bytes left over after the datum",
        null);
  }

  public Problem problem() {
    return problem;
  }

  /** Length of the rejected message in bytes. */
  public int length() {
    return length;
  }

  /** Full name of the writer schema, or null if the header was already invalid. */
  public String schemaName() {
    return schemaName;
  }
}
