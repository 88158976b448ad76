package dev.hallmark.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.intake.request.SigningRequestRepository;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CI submission API against real PostgreSQL and a real Kafka broker. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningRequestIT implements TestPropertyProvider {
  static final String DIGEST = "sha256:" + "cd".repeat(32);
  static final String CI_TOKEN = "ci-token-for-tests";
  static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);
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
  void submit_validRequest_acceptsAndEmitsSigningRequested() throws Exception {
    String project = "demo";
    HttpResponse<Map<String, Object>> response =
        http.toBlocking()
            .exchange(
                authorized(HttpRequest.POST("/api/v1/signing-requests", body(project, DIGEST))),
                JSON_OBJECT);

    assertThat(response.code()).isEqualTo(HttpStatus.ACCEPTED.getCode());
    String id = (String) response.body().get("id");
    assertThat(response.header("Location")).isEqualTo("/api/v1/signing-requests/" + id);
    assertThat(response.body()).containsEntry("status", "RECEIVED");

    SigningRequested event = awaitEvent(id, Duration.ofSeconds(30));
    assertThat(event.getProject()).isEqualTo(project);
    assertThat(event.getImages()).hasSize(1);
    assertThat(event.getImages().get(0).getRegistry()).isEqualTo("127.0.0.1:15000");
    assertThat(event.getImages().get(0).getRepository()).isEqualTo("demo/app");
    assertThat(event.getImages().get(0).getDigest()).isEqualTo(DIGEST);
    assertThat(event.getImages().get(0).getTags()).containsExactly("1.0");
    assertThat(event.getMethods()).containsExactly(SigningMethod.COSIGN);

    Map<String, Object> status =
        http.toBlocking()
            .retrieve(authorized(HttpRequest.GET("/api/v1/signing-requests/" + id)), JSON_OBJECT);
    assertThat(status).containsEntry("status", "RECEIVED").containsEntry("project", project);
  }

  @Test
  void submit_invalidDigest_answersProblemNamingTheFieldAndStoresNothing() {
    long before = requests.count();

    HttpClientResponseException e = reject(body("demo", "sha256:1234"));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
    Map<String, Object> problem = e.getResponse().getBody(JSON_OBJECT).orElseThrow();
    assertThat(problem).containsEntry("status", 400);
    assertThat((List<Map<String, Object>>) problem.get("errors"))
        .extracting(error -> error.get("field"))
        .containsExactly("artifacts[0].digest");
    assertThat(requests.count()).isEqualTo(before);
  }

  @Test
  void submit_malformedJson_answersProblem() {
    HttpClientResponseException e = reject("{\"project\": ");

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
  }

  @Test
  void submit_unknownField_answersProblemNamingIt() {
    HttpClientResponseException e =
        reject(body("demo", DIGEST).replaceFirst("\\{", "{\"signingPolcy\": \"typo\", "));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("\"field\":\"signingPolcy\"");
  }

  @Test
  void status_unknownId_answers404() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                http.toBlocking()
                    .exchange(
                        authorized(
                            HttpRequest.GET("/api/v1/signing-requests/" + UUID.randomUUID()))));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void status_malformedId_answersProblemNamingId() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                http.toBlocking()
                    .exchange(authorized(HttpRequest.GET("/api/v1/signing-requests/nope"))));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"id\"");
  }

  private HttpClientResponseException reject(String json) {
    return catchThrowableOfType(
        HttpClientResponseException.class,
        () ->
            http.toBlocking()
                .exchange(
                    authorized(HttpRequest.POST("/api/v1/signing-requests", json))
                        .contentType(MediaType.APPLICATION_JSON_TYPE),
                    Argument.STRING,
                    Argument.STRING));
  }

  static <T> MutableHttpRequest<T> authorized(MutableHttpRequest<T> request) {
    return request.bearerAuth(CI_TOKEN);
  }

  static String body(String project, String digest) {
    return """
        {"project": "%s", "signingPolicy": "default",
         "artifacts": [{"repository": "127.0.0.1:15000/demo/app", "digest": "%s", "tags": ["1.0"]}],
         "methods": ["cosign"], "description": "integration test"}
        """
        .formatted(project, digest);
  }

  private SigningRequested awaitEvent(String requestId, Duration timeout) throws Exception {
    return KafkaTestClient.of(infra)
        .awaitEvents(
            Topics.SIGNING_REQUESTS.name(),
            SigningRequested.class,
            event -> event.getRequestId().toString().equals(requestId),
            1,
            timeout)
        .get(0);
  }
}
