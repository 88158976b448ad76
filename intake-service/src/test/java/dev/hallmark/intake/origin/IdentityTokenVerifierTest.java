package dev.hallmark.intake.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.hallmark.intake.projects.TrustedIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks that fail before any key is fetched. Signatures, expiry and audience against a served
 * key set: {@code IdentityTokenIT}.
 */
class IdentityTokenVerifierTest {
  static final String ISSUER = "https://ci.example";
  static final List<TrustedIssuer> TRUSTED =
      List.of(new TrustedIssuer(ISSUER, URI.create("https://127.0.0.1:1/jwks"), "hallmark"));

  final IdentityTokenVerifier verifier =
      new IdentityTokenVerifier(
          new JwksSources(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(1)),
          Clock.systemUTC(),
          Duration.ofSeconds(60));

  @Test
  void verify_hmacSignedToken_isRejectedBeforeAnyKeyIsLookedUp() throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer(ISSUER).build());
    jwt.sign(new MACSigner("k".repeat(32)));

    assertThat(reason(jwt.serialize()))
        .isEqualTo("algorithm HS256 is not accepted; accepted are RS256 and ES256");
  }

  @Test
  void verify_unsignedToken_isNotASignedJwt() {
    String token = new PlainJWT(new JWTClaimsSet.Builder().issuer(ISSUER).build()).serialize();

    assertThat(reason(token))
        .isEqualTo("the token is not a signed JWT (JWS compact serialization)");
  }

  @Test
  void verify_tokenWithoutIssuer_namesTheMissingClaim() throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().build());
    jwt.sign(new MACSigner("k".repeat(32)));

    assertThat(reason(jwt.serialize())).isEqualTo("the token has no issuer (iss)");
  }

  @Test
  void new_refetchIntervalNotBelowCacheTtl_failsNamingTheSettings() {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () -> new JwksSources(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ZERO));

    assertThat(e).hasMessageContaining("jwks-refetch-min-interval");
  }

  private String reason(String token) {
    return catchThrowableOfType(
            InvalidIdentityTokenException.class,
            () -> verifier.verify(token, "demo/default", TRUSTED))
        .getMessage();
  }
}
