package dev.hallmark.intake;

import static dev.hallmark.intake.SigningRequestIT.DIGEST;
import static dev.hallmark.intake.SigningRequestIT.JSON_OBJECT;
import static dev.hallmark.intake.SigningRequestIT.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.hallmark.deploy.local.identity.TestIssuer;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.Origin;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.intake.request.SigningRequestRepository;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CI identity tokens from a local test issuer (its JWKS served over HTTP): verified tokens become
 * the request's verified origin; tokens that do not verify are answered 422 naming {@code
 * identityToken} and what failed, and nothing is stored.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityTokenIT implements TestPropertyProvider {
  static final String POLICY = "hallmark.projects.demo.policies.verified";
  final Infrastructure infra = TestInfrastructure.shared();
  final TestIssuer issuer = new TestIssuer();
  final RSAKey key = issuer.publishRsaKey("key-1");

  /** Its own issuer, so that no other test's fetches count against its key-set refetch limit. */
  final TestIssuer rotating = new TestIssuer();

  /** Trusted, but its key set cannot be fetched: stopped before the first test. */
  final TestIssuer unreachable = new TestIssuer();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SigningRequestRepository requests;
  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = TestDecisionKey.intakeProperties(infra);
    properties.put(POLICY + ".submitters", "ci");
    properties.put(POLICY + ".repositories", "127.0.0.1:15000/demo/*");
    List<TestIssuer> trusted = List.of(issuer, rotating, unreachable);
    for (int i = 0; i < trusted.size(); i++) {
      String at = POLICY + ".origin.issuers[" + i + "]";
      properties.put(at + ".issuer", trusted.get(i).issuer());
      properties.put(at + ".jwks-url", trusted.get(i).jwksUrl());
      properties.put(at + ".audience", TestIssuer.AUDIENCE);
    }
    unreachable.close();
    return properties;
  }

  @AfterAll
  void stopIssuers() {
    issuer.close();
    rotating.close();
  }

  @Test
  void submit_validToken_acceptsWithTheTokensVerifiedOriginInTheEvent() throws Exception {
    String token = TestIssuer.sign(key, issuer.claims("refs/heads/main").build());

    HttpResponse<Map<String, Object>> response =
        http.toBlocking().exchange(post(body("verified", token)), JSON_OBJECT);

    assertThat(response.code()).isEqualTo(HttpStatus.ACCEPTED.getCode());
    ConsumerRecord<byte[], byte[]> record = event((String) response.body().get("id"));
    assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
    Origin origin =
        EventCodec.standard().decode(record.value(), SigningRequested.class).getOrigin();
    assertThat(origin.getVerified()).isTrue();
    assertThat(origin.getIssuer()).isEqualTo(issuer.issuer());
    // The token wins over the origin the request declares.
    assertThat(origin.getRef()).isEqualTo("refs/heads/main");
    assertThat(origin.getRepositoryUrl()).isEqualTo("acme/app");
    assertThat(origin.getCommit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(origin.getBuildUrl()).isNull();
    assertThat(origin.getClaims())
        .containsEntry("repository", "acme/app")
        .containsEntry("ref", "refs/heads/main")
        .containsEntry("sub", "repo:acme/app:ref:refs/heads/main")
        .containsEntry("iss", issuer.issuer())
        .doesNotContainKeys("jti", "exp", "aud", "run_number");
  }

  @Test
  void submit_expiredToken_answers422NamingIdentityTokenAndStoresNothing() {
    Instant past = Instant.now().minus(Duration.ofMinutes(10));
    String token =
        TestIssuer.sign(
            key,
            issuer
                .claims("refs/heads/main")
                .issueTime(Date.from(past))
                .notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))
                .build());
    long before = requests.count();

    String detail = rejected(token);

    assertThat(detail).startsWith("the token expired at ");
    assertThat(requests.count()).isEqualTo(before);
  }

  @Test
  void submit_tokenForAnotherAudience_answers422NamingTheAudience() {
    String token =
        TestIssuer.sign(key, issuer.claims("refs/heads/main").audience("sigstore").build());

    assertThat(rejected(token))
        .isEqualTo(
            "audience [sigstore] is not accepted: policy demo/verified accepts tokens of "
                + issuer.issuer()
                + " for audience hallmark");
  }

  @Test
  void submit_tokenSignedByUnknownKey_answers422UnknownKey() {
    String token =
        TestIssuer.sign(
            TestIssuer.unpublishedKey("key-1-forged"), issuer.claims("refs/heads/main").build());

    assertThat(rejected(token))
        .isEqualTo(
            "the token is signed by an unknown key (kid key-1-forged): no key in the key set of"
                + " issuer "
                + issuer.issuer()
                + " verifies it");
  }

  @Test
  void submit_tokenWithForgedSignatureForKnownKid_answers422() {
    RSAKey forged = TestIssuer.unpublishedKey(key.getKeyID());
    String token = TestIssuer.sign(forged, issuer.claims("refs/heads/main").build());

    assertThat(rejected(token)).isEqualTo("the token's signature is not valid");
  }

  @Test
  void submit_keyAddedToTheKeySetAfterTheFirstFetch_isFetchedAndAccepted() {
    RSAKey first = rotating.publishRsaKey("rotating-1");
    accepted(TestIssuer.sign(first, rotating.claims("refs/heads/main").build()));
    int fetches = rotating.fetches();

    ECKey second = rotating.publishEcKey("rotating-2");
    accepted(TestIssuer.sign(second, rotating.claims("refs/tags/v1.0").build()));
    accepted(TestIssuer.sign(first, rotating.claims("refs/heads/main").build()));

    assertThat(rotating.fetches()).isEqualTo(fetches + 1);
  }

  @Test
  void submit_issuerKeySetUnreachable_answers502NamingTheIssuer() {
    RSAKey unreachableKey = TestIssuer.unpublishedKey("unreachable-1");
    String token = TestIssuer.sign(unreachableKey, unreachable.claims("refs/heads/main").build());

    HttpClientResponseException e = reject(body("verified", token));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_GATEWAY.getCode());
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("the signing keys of issuer " + unreachable.issuer() + " could not be fetched")
        .doesNotContain(token);
  }

  @Test
  void submit_tokenOfAnUntrustedIssuer_answers422NamingIssuerAndPolicy() {
    try (TestIssuer stranger = new TestIssuer()) {
      RSAKey strangerKey = stranger.publishRsaKey("stranger");
      String token = TestIssuer.sign(strangerKey, stranger.claims("refs/heads/main").build());

      assertThat(rejected(token))
          .startsWith(
              "issuer "
                  + stranger.issuer()
                  + " is not trusted by policy demo/verified, which trusts");
    }
  }

  @Test
  void submit_tokenUnderPolicyWithoutOrigin_answers422() {
    String token = TestIssuer.sign(key, issuer.claims("refs/heads/main").build());

    HttpClientResponseException e = reject(body("default", token));

    assertThat(detail(e, token))
        .isEqualTo(
            "issuer "
                + issuer.issuer()
                + " is not trusted by policy demo/default, which accepts no identity tokens (it"
                + " has no origin.issuers)");
  }

  @Test
  void submit_noTokenUnderPolicyRequiringOne_answers422NamingIdentityTokenAndStoresNothing() {
    long before = requests.count();
    String withoutToken =
        """
        {"project": "demo", "signingPolicy": "verified",
         "artifacts": [{"repository": "127.0.0.1:15000/demo/app", "digest": "%s", "tags": ["1.0"]}]}
        """
            .formatted(DIGEST);

    String detail = detail(reject(withoutToken), "no token was sent");

    assertThat(detail)
        .isEqualTo(
            "policy demo/verified requires an identity token from one of its issuers: "
                + List.of(issuer.issuer(), rotating.issuer(), unreachable.issuer()));
    assertThat(requests.count()).isEqualTo(before);
  }

  @Test
  void submit_notAJwt_answers422WithoutEchoingIt() {
    assertThat(rejected("not-a-jwt-but-a-secret"))
        .isEqualTo("the token is not a signed JWT (JWS compact serialization)");
  }

  private void accepted(String token) {
    HttpResponse<Map<String, Object>> response =
        http.toBlocking().exchange(post(body("verified", token)), JSON_OBJECT);
    assertThat(response.code()).isEqualTo(HttpStatus.ACCEPTED.getCode());
  }

  /** Submits under policy {@code verified}, expects 422 on identityToken, returns its detail. */
  private String rejected(String token) {
    return detail(reject(body("verified", token)), token);
  }

  private String detail(HttpClientResponseException e, String token) {
    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
    String raw = e.getResponse().getBody(String.class).orElseThrow();
    assertThat(raw).doesNotContain(token);
    Map<String, Object> problem;
    try {
      problem = json.readValue(raw, JSON_OBJECT);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors).extracting(error -> error.get("field")).containsExactly("identityToken");
    assertThat(errors.get(0)).containsEntry("pointer", "#/identityToken");
    return (String) errors.get(0).get("detail");
  }

  private HttpClientResponseException reject(String json) {
    return catchThrowableOfType(
        HttpClientResponseException.class,
        () -> http.toBlocking().exchange(post(json), Argument.STRING, Argument.STRING));
  }

  private static io.micronaut.http.MutableHttpRequest<String> post(String json) {
    return authorized(HttpRequest.POST("/api/v1/signing-requests", json))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private ConsumerRecord<byte[], byte[]> event(String requestId) throws Exception {
    return KafkaTestClient.of(infra)
        .awaitFirst(
            Topics.SIGNING_REQUESTS.name(),
            record -> requestId.equals(KafkaTestClient.key(record)),
            Duration.ofSeconds(30));
  }

  static String body(String policy, String token) {
    return """
        {"project": "demo", "signingPolicy": "%s",
         "artifacts": [{"repository": "127.0.0.1:15000/demo/app", "digest": "%s", "tags": ["1.0"]}],
         "origin": {"repositoryUrl": "https://git.example/declared", "ref": "refs/heads/declared"},
         "identityToken": "%s"}
        """
        .formatted(policy, DIGEST, token);
  }
}
