package dev.hallmark.schemas.auth;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The {@code authenticator} field of a {@code PolicyDecision}: which key signed the decision, and
 * the signature. Layout version {@value #VERSION_1}, {@value #LENGTH_V1} bytes:
 *
 * <ol>
 *   <li>1 byte: the version, {@value #VERSION_1} = an Ed25519 signature over {@link
 *       DecisionContent#v1}
 *   <li>{@value #KEY_ID_LENGTH} bytes: the key id, SHA-256 of the signing key's DER
 *       SubjectPublicKeyInfo ({@link DecisionKeys#keyId})
 *   <li>{@value #SIGNATURE_LENGTH} bytes: the Ed25519 signature (RFC 8032)
 * </ol>
 *
 * A new content layout gets a new version; a reader refuses versions it does not know.
 *
 * @param keyId {@value #KEY_ID_LENGTH} bytes
 * @param signature {@value #SIGNATURE_LENGTH} bytes
 */
public record DecisionAuthenticator(int version, byte[] keyId, byte[] signature) {
  public static final int VERSION_1 = 1;
  public static final int KEY_ID_LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;
  public static final int LENGTH_V1 = 1 + KEY_ID_LENGTH + SIGNATURE_LENGTH;

  public DecisionAuthenticator {
    if (version != VERSION_1
        || keyId.length != KEY_ID_LENGTH
        || signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException(
          "version 1 has a 32-byte key id and a 64-byte signature, got version "
              + version
              + " with "
              + keyId.length
              + " and "
              + signature.length
              + " bytes");
    }
    keyId = keyId.clone();
    signature = signature.clone();
  }

  /**
   * Reads the field's bytes (from the buffer's position; the buffer is not changed).
   *
   * @throws MalformedAuthenticatorException if they are not a version this code knows, or have the
   *     wrong length for it
   */
  public static DecisionAuthenticator parse(ByteBuffer field) {
    ByteBuffer bytes = field.duplicate();
    if (!bytes.hasRemaining()) {
      throw new MalformedAuthenticatorException("it is empty");
    }
    int version = Byte.toUnsignedInt(bytes.get(bytes.position()));
    if (version != VERSION_1) {
      throw new MalformedAuthenticatorException(
          "unknown version " + version + " (known: " + VERSION_1 + ")");
    }
    if (bytes.remaining() != LENGTH_V1) {
      throw new MalformedAuthenticatorException(
          bytes.remaining() + " bytes, version 1 has " + LENGTH_V1);
    }
    bytes.get();
    byte[] keyId = new byte[KEY_ID_LENGTH];
    byte[] signature = new byte[SIGNATURE_LENGTH];
    bytes.get(keyId).get(signature);
    return new DecisionAuthenticator(version, keyId, signature);
  }

  /** The field's bytes, a new buffer. */
  public ByteBuffer encode() {
    return ByteBuffer.allocate(LENGTH_V1).put((byte) version).put(keyId).put(signature).flip();
  }

  @Override
  public byte[] keyId() {
    return keyId.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The key id in lower-case hex, as logs, reasons and documentation show it. */
  public String keyIdHex() {
    return HexFormat.of().formatHex(keyId);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DecisionAuthenticator that
        && version == that.version
        && Arrays.equals(keyId, that.keyId)
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * version + Arrays.hashCode(keyId)) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "DecisionAuthenticator[version=" + version + ", keyId=" + keyIdHex() + "]";
  }
}
