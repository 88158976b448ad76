package dev.hallmark.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tokens and secrets are stored, looked up and compared as the lower-case hex SHA-256 of their
 * UTF-8 bytes: what operators configure ({@code token-sha256}, {@code sha256sum}), so the format
 * cannot change without every configured hash. Tokens are long random strings, so a plain hash is
 * enough (no password stretching).
 */
public final class TokenHash {
  private TokenHash() {}

  /** The stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * Whether the presented token hashes to {@code expectedSha256Hex} (in the stored form). The
   * hashes are compared, never the token, and with {@link MessageDigest#isEqual}, whose time does
   * not depend on where they differ; both have the same length, so timing tells nothing of the
   * secret.
   */
  public static boolean matchesSha256(String presentedToken, String expectedSha256Hex) {
    return MessageDigest.isEqual(
        sha256Hex(presentedToken).getBytes(StandardCharsets.US_ASCII),
        expectedSha256Hex.getBytes(StandardCharsets.US_ASCII));
  }
}
