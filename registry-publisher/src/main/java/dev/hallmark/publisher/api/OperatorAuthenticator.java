package dev.hallmark.publisher.api;

import dev.hallmark.runtime.http.BearerToken;
import dev.hallmark.runtime.http.NotAuthenticatedException;
import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * Authenticates the operator of the publication API by bearer token, against the SHA-256 of the
 * token in {@code hallmark.publisher.admin-token-sha256} ({@code HALLMARK_ADMIN_TOKEN_SHA256}, the
 * same admin token policy-service's admin API takes): the service never holds the token itself.
 * Without that setting the API refuses everyone.
 */
@Singleton
final class OperatorAuthenticator {
  /** The name re-drives are logged under. */
  static final String ADMIN = "admin";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** In {@link TokenHash}'s stored form (checked at startup), or null when the API is off. */
  private final String expectedSha256;

  OperatorAuthenticator(@Value("${hallmark.publisher.admin-token-sha256:}") String tokenSha256) {
    String hash = tokenSha256 == null ? "" : tokenSha256.trim();
    if (!hash.isEmpty() && !SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalStateException(
          "hallmark.publisher.admin-token-sha256 (HALLMARK_ADMIN_TOKEN_SHA256) must be 64"
              + " lower-case hex digits, the SHA-256 of the admin token");
    }
    this.expectedSha256 = hash.isEmpty() ? null : hash;
  }

  /**
   * @return the operator's name
   * @throws NotAuthenticatedException if the API is off, or the token is missing or wrong
   */
  String authenticate(String authorization) {
    if (expectedSha256 == null) {
      throw new NotAuthenticatedException(
          "the publication API is off: set HALLMARK_ADMIN_TOKEN_SHA256 to the SHA-256 of an admin"
              + " token");
    }
    String token =
        BearerToken.from(authorization)
            .orElseThrow(
                () ->
                    new NotAuthenticatedException(
                        "an Authorization: Bearer <admin token> is required"));
    if (!TokenHash.matchesSha256(token, expectedSha256)) {
      throw new NotAuthenticatedException("the admin token is not valid");
    }
    return ADMIN;
  }
}
