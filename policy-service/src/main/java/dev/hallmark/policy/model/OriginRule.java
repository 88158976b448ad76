package dev.hallmark.policy.model;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a signing policy requires of where an image was built ({@code origin} of a policy): an
 * identity token of the CI system, verified by intake-service against one of {@code issuers}, whose
 * claims match {@code claims}.
 *
 * @param issuers the identity-token issuers the policy trusts; at least one
 * @param claims per claim name, the patterns one of which the claim's value must match; sorted by
 *     name, so that a denial names the same claim every time
 * @param allowDeclared whether a request without a verified origin is approved anyway, with the
 *     origin its submitter declared (marked unverified)
 */
public record OriginRule(
    List<TrustedIssuer> issuers, Map<String, List<ClaimPattern>> claims, boolean allowDeclared) {

  public OriginRule {
    if (issuers.isEmpty()) {
      throw new IllegalArgumentException("an origin rule must trust at least one issuer");
    }
    issuers = List.copyOf(issuers);
    TreeMap<String, List<ClaimPattern>> sorted = new TreeMap<>();
    claims.forEach((name, patterns) -> sorted.put(name, List.copyOf(patterns)));
    claims = Collections.unmodifiableSortedMap(sorted);
  }

  public Optional<TrustedIssuer> issuer(String issuer) {
    return issuers.stream().filter(trusted -> trusted.issuer().equals(issuer)).findFirst();
  }

  /** The issuer URLs, in configured order, as reasons name them. */
  public List<String> issuerNames() {
    return issuers.stream().map(TrustedIssuer::issuer).toList();
  }

  /**
   * An identity-token issuer a policy trusts.
   *
   * @param issuer the token's {@code iss}, compared exactly
   * @param jwksUrl where intake-service fetches the issuer's signing keys
   * @param audience the value the token's {@code aud} must contain
   */
  public record TrustedIssuer(String issuer, URI jwksUrl, String audience) {
    public TrustedIssuer {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(jwksUrl, "jwksUrl");
      Objects.requireNonNull(audience, "audience");
    }
  }
}
