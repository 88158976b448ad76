package dev.hallmark.runtime.http;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * The token of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1), parsed the
 * same way by every service so that a header one service accepts no other refuses.
 *
 * <p>The scheme is matched case-insensitively (RFC 9110 section 11.1) and must be followed by a
 * space. Whitespace around the token is tolerated, as clients and proxies add it. The header is
 * malformed, and gives no token, when it is missing, names another scheme, has nothing after the
 * scheme, or has more than one token after it: a bearer token never contains whitespace, so {@code
 * "Bearer a b"} is not the token {@code "a b"}. The token's characters are not checked against RFC
 * 6750's b64token: configured tokens are only known by their hash, and refusing characters now
 * could lock out a token that worked before.
 */
public final class BearerToken {
  private static final String PREFIX = "bearer ";

  private BearerToken() {}

  /**
   * @return the token, or empty if the header is missing or malformed; callers answer 401 with
   *     their own message and never repeat what was presented
   */
  public static Optional<String> from(@Nullable String authorization) {
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    // trim() drops spaces, tabs and control characters around the token, as the services always
    // did; the same characters inside separate a second token.
    String token = authorization.substring(PREFIX.length()).trim();
    return token.isEmpty() || token.chars().anyMatch(c -> c <= ' ')
        ? Optional.empty()
        : Optional.of(token);
  }
}
