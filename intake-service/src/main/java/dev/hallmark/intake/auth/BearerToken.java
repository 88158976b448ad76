package dev.hallmark.intake.auth;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1). */
public final class BearerToken {
  private static final String PREFIX = "bearer ";

  private BearerToken() {}

  public static Optional<String> from(String authorization) {
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(PREFIX.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
