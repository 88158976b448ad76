package dev.hallmark.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The framing of Avro "Single-object encoding" (Avro 1.12 specification, section "Single-object
 * encoding"): a two-byte marker {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of
 * the writer schema's Parsing Canonical Form (section "Schema Fingerprints"), then the Avro binary
 * encoding of the datum.
 */
public final class SingleObjectEncoding {

  /** Marker bytes {@code C3 01} that open every single-object encoded datum. */
  public static final byte MARKER_0 = (byte) 0xC3;

  public static final byte MARKER_1 = (byte) 0x01;

  /** Marker plus fingerprint: the datum starts at this offset. */
  public static final int HEADER_LENGTH = 10;

  private SingleObjectEncoding() {}

  /** CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** Fingerprint as 16 hex digits, most significant first (the wire order is little-endian). */
  public static String toHex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  /** The 10-byte header for a datum written with the schema of this fingerprint. */
  public static byte[] header(long fingerprint) {
    byte[] header = new byte[HEADER_LENGTH];
    header[0] = MARKER_0;
    header[1] = MARKER_1;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return header;
  }

  /**
   * Reads the writer schema fingerprint from a single-object encoded message.
   *
   * @throws MalformedEventException if the message is shorter than the header or does not start
   *     with the marker
   */
  public static long readFingerprint(byte[] message) {
    if (message.length < HEADER_LENGTH) {
      throw MalformedEventException.tooShort(message.length);
    }
    if (message[0] != MARKER_0 || message[1] != MARKER_1) {
      throw MalformedEventException.badMarker(message.length);
    }
    long fingerprint = 0;
    for (int i = 0; i < 8; i++) {
      fingerprint |= (message[2 + i] & 0xFFL) << (8 * i);
    }
    return fingerprint;
  }
}
