package dev.hallmark.intake.projects;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * An identity-token issuer a signing policy trusts ({@code origin.issuers} of the policy).
 *
 * @param issuer the tokens' {@code iss}, compared exactly
 * @param jwksUrl where the issuer's signing keys (a JWK set) are fetched
 * @param audience the value the tokens' {@code aud} must contain
 */
public record TrustedIssuer(String issuer, URI jwksUrl, String audience) {
  /** Why {@link #url} refused a value, for messages. */
  static final String URL_RULE =
      "must be an https URL (plain http only to 127.0.0.1, localhost or [::1])";

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  /**
   * The value as an issuer or key-set URL, if it is one intake may trust. A key set fetched over
   * plain HTTP could be replaced on the way, and then anyone could mint tokens: HTTPS only, plain
   * HTTP to the loopback interface alone (local stack, tests). The same rule for the projects file
   * and the project catalogue topic.
   */
  static Optional<URI> url(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(String.valueOf(value));
      boolean https = "https".equals(uri.getScheme());
      boolean loopbackHttp = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
      return uri.getHost() != null && (https || loopbackHttp) ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
