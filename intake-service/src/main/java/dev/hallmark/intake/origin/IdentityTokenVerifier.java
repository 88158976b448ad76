package dev.hallmark.intake.origin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hallmark.intake.projects.TrustedIssuer;
import dev.hallmark.intake.request.RequestOrigin;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies a CI identity token (an OIDC ID token of GitHub Actions, GitLab CI, ...) against the
 * issuers a signing policy trusts, with Nimbus JOSE+JWT, and turns it into a verified {@link
 * RequestOrigin}. Checked, in this order, each failure naming what failed: the token is a signed
 * JWT; its {@code iss} is one of the policy's issuers; its algorithm is RS256 or ES256; its key is
 * in the issuer's key set (fetched and cached by {@link JwksSources}) and the signature verifies;
 * {@code exp} has not passed and {@code nbf} has, both with {@code clock-skew} of slack, on the
 * service clock; {@code aud} contains the issuer's configured audience.
 *
 * <p>The token is a bearer credential: it is never logged, stored or repeated in a message.
 */
@Singleton
public final class IdentityTokenVerifier {
  /** What CI issuers sign with. HS* (a shared secret) and {@code none} are never accepted. */
  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /** Values from an unverified token are shown in messages, but not without bound. */
  static final int MAX_SHOWN = 200;

  private final JwksSources jwks;
  private final Clock clock;
  private final Duration clockSkew;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  IdentityTokenVerifier(
      JwksSources jwks,
      Clock clock,
      @Value("${hallmark.identity-tokens.clock-skew:60s}") Duration clockSkew) {
    this.jwks = jwks;
    this.clock = clock;
    this.clockSkew = clockSkew;
  }

  /**
   * @param policy {@code <project>/<policy>}, for messages
   * @param trusted the policy's issuers; empty when it has no {@code origin}
   * @throws InvalidIdentityTokenException naming what failed
   * @throws HttpStatusException 502 when the issuer's key set cannot be fetched
   */
  public RequestOrigin verify(String token, String policy, List<TrustedIssuer> trusted) {
    SignedJWT jwt = parse(token);
    JWTClaimsSet claims = claims(jwt);
    TrustedIssuer issuer = trustedIssuer(claims.getIssuer(), policy, trusted);
    JWSHeader header = jwt.getHeader();
    if (!ALGORITHMS.contains(header.getAlgorithm())) {
      throw invalid(
          "algorithm " + header.getAlgorithm() + " is not accepted; accepted are RS256 and ES256");
    }
    checkSignature(jwt, keys(header, issuer), issuer);
    checkTimes(claims);
    if (!claims.getAudience().contains(issuer.audience())) {
      throw invalid(
          "audience "
              + shown(String.valueOf(claims.getAudience()))
              + " is not accepted: policy "
              + policy
              + " accepts tokens of "
              + issuer.issuer()
              + " for audience "
              + issuer.audience());
    }
    return TokenOrigin.of(issuer.issuer(), claims);
  }

  private static SignedJWT parse(String token) {
    try {
      return SignedJWT.parse(token);
    } catch (ParseException | IllegalArgumentException e) {
      // Nimbus' message may quote parts of the token; it is not passed on.
      throw invalid("the token is not a signed JWT (JWS compact serialization)");
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("the token has no valid JWT claims set");
    }
  }

  private static TrustedIssuer trustedIssuer(
      String issuer, String policy, List<TrustedIssuer> trusted) {
    if (issuer == null) {
      throw invalid("the token has no issuer (iss)");
    }
    return trusted.stream()
        .filter(candidate -> candidate.issuer().equals(issuer))
        .findFirst()
        .orElseThrow(
            () ->
                invalid(
                    "issuer "
                        + shown(issuer)
                        + " is not trusted by policy "
                        + policy
                        + (trusted.isEmpty()
                            ? ", which accepts no identity tokens (it has no origin.issuers)"
                            : ", which trusts "
                                + trusted.stream().map(TrustedIssuer::issuer).toList())));
  }

  /**
   * The issuer's keys that match the token's header (key id, key type). An unknown key id makes the
   * source refetch the key set once (rotation); refetched too recently, the key stays unknown.
   */
  private List<? extends Key> keys(JWSHeader header, TrustedIssuer issuer) {
    try {
      return new JWSVerificationKeySelector<>(ALGORITHMS, jwks.of(issuer.jwksUrl()))
          .selectJWSKeys(header, null);
    } catch (RateLimitReachedException e) {
      return List.of();
    } catch (KeySourceException e) {
      throw new HttpStatusException(
          HttpStatus.BAD_GATEWAY,
          "the signing keys of issuer "
              + issuer.issuer()
              + " could not be fetched from "
              + issuer.jwksUrl()
              + ": "
              + e.getMessage());
    }
  }

  private void checkSignature(SignedJWT jwt, List<? extends Key> keys, TrustedIssuer issuer) {
    String kid = jwt.getHeader().getKeyID();
    String unknown =
        "the token is signed by an unknown key"
            + (kid == null ? "" : " (kid " + shown(kid) + ")")
            + ": no key in the key set of issuer "
            + issuer.issuer()
            + " verifies it";
    if (keys.isEmpty()) {
      throw invalid(unknown);
    }
    for (Key key : keys) {
      try {
        if (jwt.verify(verifiers.createJWSVerifier(jwt.getHeader(), key))) {
          return;
        }
      } catch (JOSEException e) {
        // A key that cannot check this signature (wrong size or curve) does not verify it.
      }
    }
    // With a key id the key is known and the signature is wrong; without one, no key matched.
    throw invalid(kid == null ? unknown : "the token's signature is not valid");
  }

  private void checkTimes(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date expires = claims.getExpirationTime();
    if (expires == null) {
      throw invalid("the token has no expiry (exp)");
    }
    if (now.isAfter(expires.toInstant().plus(clockSkew))) {
      throw invalid("the token expired at " + expires.toInstant());
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
      throw invalid("the token is not valid before " + notBefore.toInstant());
    }
  }

  private static InvalidIdentityTokenException invalid(String reason) {
    return new InvalidIdentityTokenException(reason);
  }

  private static String shown(String value) {
    return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "…";
  }
}
