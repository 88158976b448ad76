package dev.hallmark.publisher.api;

import dev.hallmark.runtime.http.AdminToken;
import dev.hallmark.runtime.http.NotAuthenticatedException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Authenticates the operator of the publication API by bearer token, against the SHA-256 of the
 * token in {@code hallmark.publisher.admin-token-sha256} ({@code HALLMARK_ADMIN_TOKEN_SHA256}, the
 * same admin token policy-service's admin API takes; {@link AdminToken}). Without that setting the
 * API refuses everyone.
 */
@Singleton
final class OperatorAuthenticator {
  /** The name re-drives are logged under. */
  static final String ADMIN = AdminToken.ADMIN;

  private final AdminToken token;

  OperatorAuthenticator(@Value("${hallmark.publisher.admin-token-sha256:}") String tokenSha256) {
    this.token =
        new AdminToken("hallmark.publisher.admin-token-sha256", tokenSha256, "the publication API");
  }

  /**
   * @return the operator's name
   * @throws NotAuthenticatedException if the API is off, or the token is missing or wrong
   */
  String authenticate(String authorization) {
    return token.authenticate(authorization);
  }
}
