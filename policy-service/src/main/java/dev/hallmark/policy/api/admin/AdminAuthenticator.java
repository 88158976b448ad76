package dev.hallmark.policy.api.admin;

import dev.hallmark.runtime.http.AdminToken;
import dev.hallmark.runtime.http.NotAuthenticatedException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Authenticates the administrator of projects and policies by bearer token, against the SHA-256 of
 * the token in {@code hallmark.policy.admin-token-sha256} ({@link AdminToken}). Without that
 * setting the admin API refuses everyone.
 */
@Singleton
final class AdminAuthenticator {
  /** The name changes are recorded under ({@code changedBy}). */
  static final String ADMIN = AdminToken.ADMIN;

  private final AdminToken token;

  AdminAuthenticator(@Value("${hallmark.policy.admin-token-sha256:}") String tokenSha256) {
    this.token = new AdminToken("hallmark.policy.admin-token-sha256", tokenSha256, "the admin API");
  }

  /**
   * @return the administrator's name
   * @throws NotAuthenticatedException if the admin API is off, or the token is missing or wrong
   */
  String authenticate(String authorization) {
    return token.authenticate(authorization);
  }
}
