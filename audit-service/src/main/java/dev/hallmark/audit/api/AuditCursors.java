package dev.hallmark.audit.api;

import dev.hallmark.audit.checkpoint.AuditKey;
import dev.hallmark.audit.ledger.LedgerFilter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of {@code GET /api/v1/audit}: the seq of the last entry a page gave,
 * authenticated together with the filters of its query, so that a cursor is refused (400) when it
 * was forged, altered, or sent with other filters than those it was issued for.
 *
 * <p>Layout, base64url without padding: {@code 0x01 (version) || seq (8 bytes, big-endian) ||
 * HMAC-SHA256(key, version || seq || filters)[0..16)}. The HMAC key is derived from the audit key,
 * so every instance of the service (they share it) and every restart accepts the cursors of the
 * others; a new audit key invalidates the cursors given out before, which clients start again from.
 */
@Singleton
final class AuditCursors {
  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final int LENGTH = 1 + Long.BYTES + MAC_BYTES;
  private final SecretKeySpec macKey;

  /**
   * The HMAC key is SHA-256 of the audit key's Ed25519 signature of a fixed label: Ed25519 is
   * deterministic, so it is the same wherever the key is, and only the key's holder can compute it.
   * The audit key itself is never used as an HMAC key.
   */
  @Inject
  AuditCursors(AuditKey auditKey) {
    this(sha256(auditKey.sign("hallmark audit cursor key, v1".getBytes(StandardCharsets.UTF_8))));
  }

  AuditCursors(byte[] macKey) {
    this.macKey = new SecretKeySpec(macKey.clone(), "HmacSHA256");
  }

  /** The cursor that continues {@code filter}'s query after the entry {@code seq}. */
  String encode(long seq, LedgerFilter filter) {
    ByteBuffer cursor = ByteBuffer.allocate(LENGTH);
    cursor.put(VERSION).putLong(seq).put(mac(VERSION, seq, filter));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
  }

  /**
   * The seq a cursor continues after.
   *
   * @throws InvalidCursorException why it is not a cursor of this query
   */
  long decode(String cursor, LedgerFilter filter) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("is not a cursor (not base64url)");
    }
    if (bytes.length != LENGTH || bytes[0] != VERSION) {
      throw new InvalidCursorException("is not a cursor of this service");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.get();
    long seq = buffer.getLong();
    byte[] given = Arrays.copyOfRange(bytes, 1 + Long.BYTES, LENGTH);
    if (!MessageDigest.isEqual(given, mac(VERSION, seq, filter)) || seq < 0) {
      throw new InvalidCursorException(
          "was not issued for these filters (altered, forged, from another query or another"
              + " audit key): start the query again without it");
    }
    return seq;
  }

  private byte[] mac(byte version, long seq, LedgerFilter filter) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(macKey);
      mac.update(version);
      mac.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
      mac.update(filters(filter).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** The filters as unambiguous text: each name and value length-prefixed. */
  private static String filters(LedgerFilter filter) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> parameter : filter.asParameters().entrySet()) {
      text.append(parameter.getKey().length()).append(':').append(parameter.getKey());
      text.append(parameter.getValue().length()).append(':').append(parameter.getValue());
    }
    return text.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** A cursor that is not one this service issued for the query it came with. */
  static final class InvalidCursorException extends RuntimeException {
    InvalidCursorException(String message) {
      super(message);
    }
  }
}
