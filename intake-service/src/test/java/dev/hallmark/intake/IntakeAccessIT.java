package dev.hallmark.intake;

import static dev.hallmark.intake.SigningRequestIT.DIGEST;
import static dev.hallmark.intake.SigningRequestIT.JSON_OBJECT;
import static dev.hallmark.intake.SigningRequestIT.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.intake.request.SigningRequestRepository;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may submit what: CI tokens, projects, policies, and Idempotency-Key replays. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeAccessIT implements TestPropertyProvider {
  final Infrastructure infra = TestInfrastructure.shared();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SigningRequestRepository requests;

  @Override
  public Map<String, String> getProperties() {
    return TestDecisionKey.intakeProperties(infra);
  }

  @Test
  void submit_withoutToken_answers401WithChallengeAndStoresNothing() {
    long before = requests.count();
    HttpClientResponseException e = fail(post(body("demo", DIGEST)));

    assertThat(e.getStatus().getCode()).isEqualTo(401);
    assertThat(e.getResponse().getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("Bearer <CI token>");
    assertThat(requests.count()).isEqualTo(before);
  }

  @Test
  void submit_unknownToken_answers401() {
    HttpClientResponseException e = fail(post(body("demo", DIGEST)).bearerAuth("guessed"));

    assertThat(e.getStatus().getCode()).isEqualTo(401);
    assertThat(e.getResponse().getBody(String.class).orElseThrow()).doesNotContain("guessed");
  }

  @Test
  void submit_tokenOfAnotherProject_answers403() {
    HttpClientResponseException e =
        fail(post(body("demo", DIGEST)).bearerAuth("other-token-for-tests"));

    assertThat(e.getStatus().getCode()).isEqualTo(403);
    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("project other");
  }

  @Test
  void submit_unknownProject_answers400NamingProject() {
    HttpClientResponseException e = fail(authorized(body("nope", DIGEST)));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("\"field\":\"project\"");
  }

  @Test
  void submit_unknownPolicy_answers400NamingSigningPolicy() {
    HttpClientResponseException e =
        fail(authorized(body("demo", DIGEST).replace("\"default\"", "\"nightly\"")));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("\"field\":\"signingPolicy\"");
  }

  @Test
  void submit_policyTheSubmitterMayNotUse_answers403() {
    HttpClientResponseException e =
        fail(authorized(body("demo", DIGEST).replace("\"default\"", "\"release\"")));

    assertThat(e.getStatus().getCode()).isEqualTo(403);
  }

  @Test
  void submit_sameIdempotencyKeyTwice_returnsTheSameRequest() {
    String key = UUID.randomUUID().toString();
    long before = requests.count();

    String first = idOf(accept(authorized(body("demo", DIGEST)).header("Idempotency-Key", key)));
    String second = idOf(accept(authorized(body("demo", DIGEST)).header("Idempotency-Key", key)));

    assertThat(second).isEqualTo(first);
    assertThat(requests.count()).isEqualTo(before + 1);
  }

  @Test
  void submit_sameIdempotencyKeyOtherBody_answers422() {
    String key = UUID.randomUUID().toString();
    accept(authorized(body("demo", DIGEST)).header("Idempotency-Key", key));

    HttpClientResponseException e =
        fail(authorized(body("demo", "sha256:" + "99".repeat(32))).header("Idempotency-Key", key));

    assertThat(e.getStatus().getCode()).isEqualTo(422);
  }

  @Test
  void status_ofAnotherProjectsRequest_answers404() {
    String id = idOf(accept(authorized(body("demo", DIGEST))));

    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.GET("/api/v1/signing-requests/" + id)
                            .bearerAuth("other-token-for-tests")));

    assertThat(e.getStatus().getCode()).isEqualTo(404);
  }

  @Test
  void submit_tagUnknownToTheRegistry_answers400NamingTheTag() {
    String registry = infra.registry().orElseThrow();
    String body =
        """
        {"project": "demo", "signingPolicy": "default",
         "artifacts": [{"repository": "%s/demo/app", "tags": ["no-such-tag"]}]}
        """
            .formatted(registry);

    HttpClientResponseException e = fail(authorized(body));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("\"field\":\"artifacts[0].tags[0]\"");
  }

  @Test
  void submit_neitherDigestNorTag_answers400NamingDigest() {
    HttpClientResponseException e =
        fail(
            authorized(
                "{\"project\": \"demo\", \"signingPolicy\": \"default\", \"artifacts\":"
                    + " [{\"repository\": \"127.0.0.1:15000/demo/app\"}]}"));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("\"field\":\"artifacts[0].digest\"");
  }

  private static MutableHttpRequest<String> post(String json) {
    return HttpRequest.POST("/api/v1/signing-requests", json);
  }

  private static MutableHttpRequest<String> authorized(String json) {
    return post(json).bearerAuth(SigningRequestIT.CI_TOKEN);
  }

  private HttpResponse<Map<String, Object>> accept(MutableHttpRequest<String> request) {
    HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(request, JSON_OBJECT);
    assertThat(response.code()).isEqualTo(202);
    return response;
  }

  private static String idOf(HttpResponse<Map<String, Object>> response) {
    return (String) response.body().get("id");
  }

  private HttpClientResponseException fail(MutableHttpRequest<String> request) {
    return catchThrowableOfType(
        HttpClientResponseException.class,
        () -> http.toBlocking().exchange(request, Argument.STRING, Argument.STRING));
  }
}
