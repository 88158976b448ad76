package dev.hallmark.intake.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tokens and secrets are stored and compared as SHA-256 hashes. They are long random strings, so a
 * plain hash is enough (no password stretching), and comparing hashes of equal length with {@link
 * MessageDigest#isEqual} does not leak the secret through timing.
 */
public final class TokenHash {
  private TokenHash() {}

  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  public static boolean matches(String presented, String expected) {
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
