package dev.hallmark.intake;

import static dev.hallmark.intake.SigningRequestIT.CI_TOKEN;
import static dev.hallmark.intake.SigningRequestIT.DIGEST;
import static dev.hallmark.intake.SigningRequestIT.JSON_OBJECT;
import static dev.hallmark.testing.KafkaTestClient.header;
import static dev.hallmark.testing.KafkaTestClient.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.CatalogueIssuer;
import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.runtime.http.TokenHash;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The project catalogue topic read into a running intake-service: entries published on {@code
 * hallmark.projects.v1} change who may submit what, without a restart. Every test uses projects and
 * tokens of its own (named after this run), because the compacted topic outlives the test and every
 * later intake context in this JVM reads it whole.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectCatalogueIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(30);
  final Infrastructure infra = TestInfrastructure.shared();
  final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Projects of the projects file that the topic overrides and deletes. */
  final String overridden = "file-a-" + run;

  final String deletedFromFile = "file-b-" + run;
  final KafkaTestClient kafka = KafkaTestClient.of(infra);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = TestDecisionKey.intakeProperties(infra);
    for (String project : List.of(overridden, deletedFromFile)) {
      String at = "hallmark.projects." + project;
      properties.put(at + ".submitters.ci.token-sha256", TokenHash.sha256Hex(fileTokenOf(project)));
      properties.put(at + ".policies.default.submitters", "ci");
      properties.put(at + ".policies.default.repositories", "127.0.0.1:15000/" + project + "/*");
    }
    return properties;
  }

  @AfterAll
  void closeProducer() {
    kafka.close();
  }

  @Test
  void newProjectWithNewToken_publishedOnTheTopic_isAcceptedWithoutRestart() throws Exception {
    String project = "new-" + run;
    String token = "token-" + UUID.randomUUID();
    assertThat(submit(token, project, "default")).isEqualTo(401);

    publish(catalogued(project, 1, token).build());

    awaitStatus(token, project, "default", code -> code == 202);
  }

  @Test
  void newRevisionWithoutTheSubmitter_answers401() throws Exception {
    String project = "revoked-" + run;
    String token = "token-" + UUID.randomUUID();
    publish(catalogued(project, 1, token).build());
    awaitStatus(token, project, "default", code -> code == 202);

    publish(catalogued(project, 2, token).setSubmitters(List.of()).build());

    awaitStatus(token, project, "default", code -> code == 401);
  }

  @Test
  void projectOfTheFile_publishedOnTheTopic_isOverriddenByIt() throws Exception {
    String token = "token-" + UUID.randomUUID();
    assertThat(submit(fileTokenOf(overridden), overridden, "default")).isEqualTo(202);

    publish(catalogued(overridden, 1, token).build());

    awaitStatus(token, overridden, "default", code -> code == 202);
    assertThat(submit(fileTokenOf(overridden), overridden, "default")).isEqualTo(401);
  }

  @Test
  void deletedEntry_projectOfTheFile_becomesUnknown() throws Exception {
    String fileToken = fileTokenOf(deletedFromFile);
    assertThat(submit(fileToken, deletedFromFile, "default")).isEqualTo(202);

    publish(catalogued(deletedFromFile, 1, "unused").setDeleted(true).build());

    awaitStatus(fileToken, deletedFromFile, "default", code -> code == 401);
    // A token of another project now learns that the project does not exist.
    HttpClientResponseException e = reject(post(CI_TOKEN, body(deletedFromFile, "default")));
    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("\"field\":\"project\"")
        .contains("unknown project " + deletedFromFile);
  }

  @Test
  void lowerRevisionAfterHigher_isIgnored() throws Exception {
    String project = "ordered-" + run;
    String newer = "token-" + UUID.randomUUID();
    String older = "token-" + UUID.randomUUID();
    publish(catalogued(project, 5, newer).build());
    awaitStatus(newer, project, "default", code -> code == 202);

    publish(catalogued(project, 4, older).build());
    // One partition: once a later record is applied, the older revision was read before it.
    String marker = "marker-" + run + "-1";
    String markerToken = "token-" + UUID.randomUUID();
    publish(catalogued(marker, 1, markerToken).build());
    awaitStatus(markerToken, marker, "default", code -> code == 202);

    assertThat(submit(older, project, "default")).isEqualTo(401);
    assertThat(submit(newer, project, "default")).isEqualTo(202);
  }

  @Test
  void garbage_onTheTopic_isParkedWithReasonAndTheConsumerGoesOn() throws Exception {
    String key = "garbage-" + run;
    kafka.send(Topics.PROJECTS.name(), key, "not an event".getBytes(StandardCharsets.UTF_8));
    String project = "after-garbage-" + run;
    String token = "token-" + UUID.randomUUID();
    publish(catalogued(project, 1, token).build());

    ConsumerRecord<byte[], byte[]> parked = kafka.awaitDeadLetter(Services.INTAKE, key, WAIT);
    assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(header(parked, DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(header(parked, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.PROJECTS.name());
    awaitStatus(token, project, "default", code -> code == 202);
  }

  @Test
  void unusableRevision_isParkedAndWithdrawsTheProject() throws Exception {
    String project = "unusable-" + run;
    String token = "token-" + UUID.randomUUID();
    publish(catalogued(project, 1, token).build());
    awaitStatus(token, project, "default", code -> code == 202);

    ProjectCatalogued unusable =
        catalogued(project, 2, token)
            .setPolicies(
                List.of(
                    policy(project, "default")
                        .setIssuers(List.of(issuer("http://ci.example/jwks")))
                        .build()))
            .build();
    publish(unusable);

    awaitStatus(token, project, "default", code -> code == 401);
    ConsumerRecord<byte[], byte[]> parked = kafka.awaitDeadLetter(Services.INTAKE, project, WAIT);
    assertThat(header(parked, DeadLetterHeaders.REASON))
        .isEqualTo(
            "project "
                + project
                + " revision 2: policies[default].issuers[0].jwksUrl must be an https URL (plain"
                + " http only to 127.0.0.1, localhost or [::1]); the project is withdrawn until a"
                + " usable revision");
  }

  @Test
  void policyRequiringVerifiedOrigin_submissionWithoutIdentityToken_answers422() throws Exception {
    String project = "verified-" + run;
    String token = "token-" + UUID.randomUUID();
    publish(
        catalogued(project, 1, token)
            .setPolicies(
                List.of(
                    policy(project, "release")
                        .setIssuers(List.of(issuer("https://ci.example/jwks")))
                        .setRequiresVerifiedOrigin(true)
                        .build()))
            .build());

    awaitStatus(token, project, "release", code -> code == 422);
    HttpClientResponseException e = reject(post(token, body(project, "release")));

    assertThat(e.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
    Map<String, Object> problem =
        json.readValue(e.getResponse().getBody(String.class).orElseThrow(), JSON_OBJECT);
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors).extracting(error -> error.get("field")).containsExactly("identityToken");
    assertThat(errors.get(0))
        .containsEntry(
            "detail",
            "policy "
                + project
                + "/release requires an identity token from one of its issuers:"
                + " [https://ci.example]");
  }

  @Test
  void projectsTopic_onTheBroker_isCompacted() throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    try (Admin admin = Admin.create(config)) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PROJECTS.name());
      Config described = admin.describeConfigs(List.of(topic)).all().get().get(topic);

      assertThat(described.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    }
  }

  /** The token of submitter {@code ci} of a project of the projects file. */
  static String fileTokenOf(String project) {
    return "file-token-" + project;
  }

  /** Project {@code project} with submitter {@code ci} holding {@code token}, policy default. */
  static ProjectCatalogued.Builder catalogued(String project, long revision, String token) {
    return ProjectCatalogued.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setProject(project)
        .setRevision(revision)
        .setChangedBy("it-admin")
        .setDeleted(false)
        .setSubmitters(
            List.of(
                CatalogueSubmitter.newBuilder()
                    .setName("ci")
                    .setTokenSha256(TokenHash.sha256Hex(token))
                    .build()))
        .setPolicies(List.of(policy(project, "default").build()));
  }

  static CataloguePolicy.Builder policy(String project, String name) {
    return CataloguePolicy.newBuilder()
        .setName(name)
        .setVersion(1)
        .setSubmitters(List.of("ci"))
        .setRepositories(List.of("127.0.0.1:15000/" + project + "/*"))
        .setTags(List.of("*"))
        .setAutoSignPushes(false)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId("demo-cosign")
        .setIssuers(List.of())
        .setRequiresVerifiedOrigin(false)
        .setRequiredApprovals(0)
        .setApproverGroup(null);
  }

  static CatalogueIssuer issuer(String jwksUrl) {
    return CatalogueIssuer.newBuilder()
        .setIssuer("https://ci.example")
        .setJwksUrl(jwksUrl)
        .setAudience("hallmark")
        .build();
  }

  private void publish(ProjectCatalogued event) throws Exception {
    kafka.send(Topics.PROJECTS.name(), event.getProject(), event);
  }

  /** Submits until the answer's status satisfies {@code expected}, bounded by {@link #WAIT}. */
  private void awaitStatus(String token, String project, String policy, IntPredicate expected)
      throws Exception {
    Await.until(
        "the expected answer to a submission to " + project + "/" + policy,
        WAIT,
        () -> submit(token, project, policy),
        expected::test);
  }

  /** The HTTP status of a submission of one image of {@code project} under {@code policy}. */
  private int submit(String token, String project, String policy) {
    try {
      return http.toBlocking()
          .exchange(post(token, body(project, policy)), Argument.STRING, Argument.STRING)
          .code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  private HttpClientResponseException reject(MutableHttpRequest<String> request) {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () -> http.toBlocking().exchange(request, Argument.STRING, Argument.STRING));
    assertThat(e).as("the request was refused").isNotNull();
    assertThat(e.getStatus().getCode()).isNotEqualTo(202);
    return e;
  }

  private static MutableHttpRequest<String> post(String token, String body) {
    return HttpRequest.POST("/api/v1/signing-requests", body)
        .bearerAuth(token)
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static String body(String project, String policy) {
    return """
        {"project": "%s", "signingPolicy": "%s",
         "artifacts": [{"repository": "127.0.0.1:15000/%s/app", "digest": "%s", "tags": ["1.0"]}]}
        """
        .formatted(project, policy, project, DIGEST);
  }
}
