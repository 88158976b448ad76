package dev.hallmark.policy.admin;

import dev.hallmark.runtime.http.NotAuthenticatedException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Authenticates the administrator of projects and policies by bearer token, against the SHA-256 of
 * the token in {@code hallmark.policy.admin-token-sha256}: the service never holds the token
 * itself. Without that setting the admin API refuses everyone.
 */
@Singleton
final class AdminAuthenticator {
  /** The name changes are recorded under ({@code changedBy}). */
  static final String ADMIN = "admin";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String BEARER = "Bearer ";
  private final byte[] expectedHash;

  AdminAuthenticator(@Value("${hallmark.policy.admin-token-sha256:}") String tokenSha256) {
    String hash = tokenSha256 == null ? "" : tokenSha256.trim();
    if (!hash.isEmpty() && !SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalStateException(
          "hallmark.policy.admin-token-sha256 (HALLMARK_ADMIN_TOKEN_SHA256) must be 64 lower-case"
              + " hex digits, the SHA-256 of the admin token");
    }
    this.expectedHash = hash.isEmpty() ? null : HexFormat.of().parseHex(hash);
  }

  /**
   * @return the administrator's name
   * @throws NotAuthenticatedException if the admin API is off, or the token is missing or wrong
   */
  String authenticate(String authorization) {
    if (expectedHash == null) {
      throw new NotAuthenticatedException(
          "the admin API is off: set HALLMARK_ADMIN_TOKEN_SHA256 to the SHA-256 of an admin token");
    }
    if (authorization == null || !authorization.startsWith(BEARER)) {
      throw new NotAuthenticatedException("an Authorization: Bearer <admin token> is required");
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
    if (!MessageDigest.isEqual(presented, expectedHash)) {
      throw new NotAuthenticatedException("the admin token is not valid");
    }
    return ADMIN;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
