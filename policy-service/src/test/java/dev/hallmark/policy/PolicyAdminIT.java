package dev.hallmark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.policy.decision.DecisionRepository;
import dev.hallmark.policy.decision.DecisionService;
import dev.hallmark.runtime.http.TokenHash;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin API against the real PostgreSQL: projects and policies made and changed through it
 * decide the next request without a restart, every change of a policy's block is a new version, and
 * old decisions keep the version that made them.
 */
@MicronautTest(propertySources = "classpath:projects-it.yml", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyAdminIT implements TestPropertyProvider {
  static final String ADMIN_TOKEN = "it-admin-token";
  static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
  final Infrastructure infra = TestInfrastructure.shared();
  final EventCodec codec = EventCodec.standard();

  @Inject
  @Client("/")
  HttpClient client;

  @Inject DecisionService decisions;
  @Inject DecisionRepository decisionRows;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.putAll(TestDecisionKey.policyProperties());
    properties.put("hallmark.policy.admin-token-sha256", TokenHash.sha256Hex(ADMIN_TOKEN));
    return properties;
  }

  @Test
  void adminApi_withoutOrWithWrongToken_answers401WithChallenge() {
    for (MutableHttpRequest<?> request :
        List.of(
            HttpRequest.GET("/api/v1/admin/projects"),
            HttpRequest.GET("/api/v1/admin/projects").bearerAuth("wrong"))) {
      HttpClientResponseException e =
          catchThrowableOfType(
              HttpClientResponseException.class, () -> client.toBlocking().exchange(request));
      assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
      assertThat(e.getResponse().getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
      assertThat(e.getResponse().getBody(String.class).orElseThrow()).doesNotContain("wrong");
    }
  }

  @Test
  void putProject_thenChangePolicy_nextDecisionUsesTheNewVersionAndOldOnesKeepTheirs()
      throws Exception {
    String project = "team-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<Map<String, Object>> created =
        client
            .toBlocking()
            .exchange(admin(HttpRequest.PUT("/api/v1/admin/projects/" + project, team("*"))), JSON);
    assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
    assertThat(created.body()).containsEntry("revision", 1).containsEntry("changed", true);
    assertThat(created.body().get("policyVersions")).isEqualTo(Map.of("release", 1));

    SigningRequested first = request(project, "latest");
    decisions.decide(first);
    assertThat(decisionRows.findById(first.getRequestId()).orElseThrow().outcome())
        .isEqualTo(DecisionOutcome.APPROVED.name());

    Map<String, Object> changed =
        client
            .toBlocking()
            .retrieve(
                admin(
                    HttpRequest.PUT(
                        "/api/v1/admin/projects/" + project + "/policies/release", policy("v*"))),
                JSON);
    assertThat(changed)
        .containsEntry("revision", 2)
        .containsEntry("changedPolicies", List.of("release"));

    SigningRequested second = request(project, "latest");
    decisions.decide(second);
    var denied = decisionRows.findById(second.getRequestId()).orElseThrow();
    assertThat(denied.outcome()).isEqualTo(DecisionOutcome.DENIED.name());
    assertThat(denied.policyVersion()).isEqualTo(2);
    assertThat(denied.reason()).contains("tag latest").contains(project + "/release");
    assertThat(decisionRows.findById(first.getRequestId()).orElseThrow().policyVersion())
        .isEqualTo(1);
    Map<String, Object> version1 =
        client
            .toBlocking()
            .retrieve(
                admin(
                    HttpRequest.GET(
                        "/api/v1/admin/projects/" + project + "/policies/release/versions/1")),
                JSON);
    assertThat(version1.get("document")).isEqualTo(policy("*"));
  }

  @Test
  void putProject_publishesEachRevisionOnTheCatalogueTopicWithHashesOnly() throws Exception {
    String project = "cat-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/api/v1/admin/projects/" + project;
    client.toBlocking().exchange(admin(HttpRequest.PUT(path, team("*"))), JSON);
    client
        .toBlocking()
        .exchange(admin(HttpRequest.PUT(path + "/policies/release", policy("v*"))), JSON);
    client.toBlocking().exchange(admin(HttpRequest.DELETE(path)), JSON);

    try (TopicReader catalogue =
        new TopicReader(infra.kafkaBootstrap(), Topics.PROJECTS.name(), Duration.ofSeconds(60))) {
      List<ProjectCatalogued> entries =
          catalogue.await(project, found -> found.size() >= 3).stream()
              .map(record -> codec.decode(record.value(), ProjectCatalogued.class))
              .toList();

      assertThat(entries).extracting(ProjectCatalogued::getRevision).containsExactly(1L, 2L, 3L);
      assertThat(entries).extracting(ProjectCatalogued::getChangedBy).containsOnly("admin");
      ProjectCatalogued second = entries.get(1);
      assertThat(second.getSubmitters().get(0).getTokenSha256()).isEqualTo("ab".repeat(32));
      assertThat(second.getPolicies()).hasSize(1);
      assertThat(second.getPolicies().get(0).getVersion()).isEqualTo(2);
      assertThat(second.getPolicies().get(0).getTags()).containsExactly("v*");
      assertThat(entries.get(2).getDeleted()).isTrue();
      assertThat(entries.get(2).getPolicies()).isEmpty();
    }
  }

  @Test
  void putProject_sameDocumentAgain_makesNoNewRevision() {
    String project = "same-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/api/v1/admin/projects/" + project;
    client.toBlocking().exchange(admin(HttpRequest.PUT(path, team("*"))), JSON);

    Map<String, Object> again =
        client.toBlocking().retrieve(admin(HttpRequest.PUT(path, team("*"))), JSON);

    assertThat(again).containsEntry("revision", 1).containsEntry("changed", false);
  }

  @Test
  void putSubmitter_newToken_isUsableAtOnceAndListedWithoutItsHash() {
    String project = "members-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/api/v1/admin/projects/" + project;
    client.toBlocking().exchange(admin(HttpRequest.PUT(path, team("*"))), JSON);

    client
        .toBlocking()
        .exchange(
            admin(
                HttpRequest.PUT(
                    path + "/submitters/release-bot", Map.of("token-sha256", "cd".repeat(32)))),
            JSON);
    Map<String, Object> policy = new HashMap<>(policy("*"));
    policy.put("submitters", List.of("ci", "release-bot"));
    client.toBlocking().exchange(admin(HttpRequest.PUT(path + "/policies/release", policy)), JSON);

    SigningRequested request = request(project, "1.0");
    request.getSubmitter().setName("release-bot");
    decisions.decide(request);
    assertThat(decisionRows.findById(request.getRequestId()).orElseThrow().outcome())
        .isEqualTo("APPROVED");
    String submitters = client.toBlocking().retrieve(admin(HttpRequest.GET(path + "/submitters")));
    assertThat(submitters).contains("release-bot").doesNotContain("cd".repeat(32));
  }

  @Test
  void putProject_staleIfMatch_answers412AndChangesNothing() {
    String project = "stale-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/api/v1/admin/projects/" + project;
    client.toBlocking().exchange(admin(HttpRequest.PUT(path, team("*"))), JSON);
    client.toBlocking().exchange(admin(HttpRequest.PUT(path, team("v*"))), JSON);

    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(
                        admin(HttpRequest.PUT(path, team("x*")).header("If-Match", "\"1\""))));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED.getCode());
    assertThat(client.toBlocking().retrieve(admin(HttpRequest.GET(path)), JSON))
        .containsEntry("revision", 2);
  }

  @Test
  void putProject_managedByTheFile_answers409() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(admin(HttpRequest.PUT("/api/v1/admin/projects/demo", team("*")))));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("managed by the policy-as-code file");
  }

  @Test
  void putProject_invalidDocument_answers400NamingEachField() {
    Map<String, Object> policy = new HashMap<>(policy("*"));
    policy.put("methods", List.of("cosgn"));
    policy.put("tag", List.of("*"));
    Map<String, Object> document = new HashMap<>(team("*"));
    document.put("policies", Map.of("release", policy));

    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(admin(HttpRequest.PUT("/api/v1/admin/projects/broken", document))));

    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(e.getResponse().getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
    String body = e.getResponse().getBody(String.class).orElseThrow();
    assertThat(body)
        .contains("\"field\":\"policies.release.methods\"")
        .contains("unknown method cosgn")
        .contains("\"field\":\"policies.release.tag\"");
    HttpClientResponseException missing =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                client
                    .toBlocking()
                    .exchange(admin(HttpRequest.GET("/api/v1/admin/projects/broken"))));
    assertThat(missing.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void deleteProject_thenRequest_isDeniedAsNotConfigured() {
    String project = "gone-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/api/v1/admin/projects/" + project;
    client.toBlocking().exchange(admin(HttpRequest.PUT(path, team("*"))), JSON);

    client.toBlocking().exchange(admin(HttpRequest.DELETE(path)), JSON);
    SigningRequested request = request(project, "1.0");
    decisions.decide(request);

    assertThat(decisionRows.findById(request.getRequestId()).orElseThrow().reason())
        .isEqualTo("project " + project + " is not configured");
  }

  private static <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
    return request.bearerAuth(ADMIN_TOKEN);
  }

  static Map<String, Object> team(String tagPattern) {
    return Map.of(
        "submitters",
        Map.of("ci", Map.of("token-sha256", "ab".repeat(32))),
        "policies",
        Map.of("release", policy(tagPattern)));
  }

  static Map<String, Object> policy(String tagPattern) {
    return Map.of(
        "submitters",
        List.of("ci"),
        "repositories",
        List.of(SigningRequestDecisionIT.REGISTRY + "/team/*"),
        "tags",
        List.of(tagPattern),
        "methods",
        List.of("cosign"),
        "key",
        "team-key",
        "auto-sign-pushes",
        false);
  }

  static SigningRequested request(String project, String tag) {
    SigningRequested request = SigningRequestDecisionIT.request("team/app", tag);
    request.setProject(project);
    request.setSigningPolicy("release");
    return request;
  }
}
