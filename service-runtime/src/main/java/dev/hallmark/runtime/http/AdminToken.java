package dev.hallmark.runtime.http;

import java.util.regex.Pattern;

/**
 * The operator's admin token of one API, held only as its SHA-256 (the service never holds the
 * token itself). Without a configured hash the API refuses everyone. Services wrap it in a bean
 * that reads their own setting (policy-service's admin API, registry-publisher's re-drive API).
 */
public final class AdminToken {
  /** The name actions authenticated with the admin token are recorded under. */
  public static final String ADMIN = "admin";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final String api;

  /** In {@link TokenHash}'s stored form (checked here), or null when the API is off. */
  private final String expectedSha256;

  /**
   * @param setting the setting the hash comes from, named in the startup error
   * @param configuredSha256 its value: 64 lower-case hex digits, or blank to turn the API off
   * @param api what the token opens, e.g. "the admin API", named in the refusal when it is off
   * @throws IllegalStateException if the value is neither blank nor a SHA-256 in hex
   */
  public AdminToken(String setting, String configuredSha256, String api) {
    String hash = configuredSha256 == null ? "" : configuredSha256.trim();
    if (!hash.isEmpty() && !SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalStateException(
          setting
              + " (HALLMARK_ADMIN_TOKEN_SHA256) must be 64 lower-case hex digits, the SHA-256 of"
              + " the admin token");
    }
    this.api = api;
    this.expectedSha256 = hash.isEmpty() ? null : hash;
  }

  /**
   * @param authorization the request's {@code Authorization} header, or null
   * @return {@link #ADMIN}
   * @throws NotAuthenticatedException if the API is off, or the token is missing or wrong; the
   *     token is never repeated
   */
  public String authenticate(String authorization) {
    if (expectedSha256 == null) {
      throw new NotAuthenticatedException(
          api + " is off: set HALLMARK_ADMIN_TOKEN_SHA256 to the SHA-256 of an admin token");
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
