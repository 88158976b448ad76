package dev.hallmark.deploy.local.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OIDC token issuer for tests (intake's ITs and the whole-stack tests), shaped like GitHub
 * Actions': its key set (JWKS) served over HTTP on the loopback interface, keys generated here,
 * tokens minted with Nimbus. Keys can be added while it runs (rotation); {@link #unpublishedKey}
 * makes a key the JWKS never lists.
 */
public final class TestIssuer implements AutoCloseable {
  public static final String AUDIENCE = "hallmark";
  private final HttpServer server;
  private final List<JWK> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();

  public TestIssuer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/jwks",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body =
              new JWKSet(List.copyOf(published))
                  .toPublicJWKSet()
                  .toString()
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}: the {@code iss} of its tokens. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String jwksUrl() {
    return issuer() + "/jwks";
  }

  /** How often the key set was fetched. */
  public int fetches() {
    return fetches.get();
  }

  /** A new RSA key (RS256), published in the key set from now on. */
  public RSAKey publishRsaKey(String kid) {
    RSAKey key = rsaKey(kid);
    published.add(key);
    return key;
  }

  /** A new EC P-256 key (ES256), published in the key set from now on. */
  public ECKey publishEcKey(String kid) {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
      published.add(key);
      return key;
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RSA key the key set never lists, as an attacker's would be. */
  public static RSAKey unpublishedKey(String kid) {
    return rsaKey(kid);
  }

  /** GitHub-style claims of a push to {@code ref} of acme/app, valid for five minutes from now. */
  public JWTClaimsSet.Builder claims(String ref) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer())
        .audience(AUDIENCE)
        .subject("repo:acme/app:ref:" + ref)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(UUID.randomUUID().toString())
        .claim("repository", "acme/app")
        .claim("ref", ref)
        .claim("sha", "0123456789abcdef0123456789abcdef01234567")
        .claim("workflow_ref", "acme/app/.github/workflows/release.yml@" + ref)
        .claim("run_id", "4711")
        .claim("run_number", 12);
  }

  public static String sign(JWK key, JWTClaimsSet claims) {
    try {
      boolean rsa = key instanceof RSAKey;
      JWSSigner signer = rsa ? new RSASSASigner(key.toRSAKey()) : new ECDSASigner(key.toECKey());
      JWSHeader header =
          new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256)
              .keyID(key.getKeyID())
              .build();
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
