package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.hallmark.deploy.local.identity.TestIssuer;
import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.PublicKeys;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.StackSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7's acceptance on the whole stack, with a project made through policy-service's admin API
 * while the stack runs: intake learns its CI tokens from the project catalogue topic, a submitter
 * the policy does not allow and a repository outside its patterns are denied, identity tokens from
 * a local issuer decide by their claims, the person who submitted a request cannot approve it, and
 * a policy changed through the API decides the next request at once while the old request keeps the
 * version that decided it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyAcceptanceIT {
  static final String PROJECT = "acceptance";
  static final String CI_TOKEN = "acceptance-ci-" + UUID.randomUUID();
  static final String OUTSIDER_TOKEN = "acceptance-outsider-" + UUID.randomUUID();

  /** The approver token of the person who is also the CI submitter {@code ci}. */
  static final String CI_APPROVER_TOKEN = "acceptance-ci-approver-" + UUID.randomUUID();

  static final String CAROL_TOKEN = "acceptance-carol-" + UUID.randomUUID();
  final ObjectMapper json = new ObjectMapper();
  StackSession stack;
  TestIssuer issuer;
  RSAKey issuerKey;
  String registry;

  @BeforeAll
  void up() throws Exception {
    stack = StackSession.up("--no-demo");
    issuer = new TestIssuer();
    issuerKey = issuer.publishRsaKey("acceptance-1");
    registry = stack.env("HALLMARK_REGISTRY");
    HttpResponse<String> created =
        stack.send(
            "PUT",
            stack.env("HALLMARK_POLICY_URL") + "/api/v1/admin/projects/" + PROJECT,
            stack.env("HALLMARK_ADMIN_TOKEN"),
            project("*"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    awaitTokenKnownToIntake();
  }

  @AfterAll
  void down() throws Exception {
    if (issuer != null) {
      issuer.close();
    }
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  @Order(1)
  void submitter_notAllowedByThePolicy_isRefused() throws Exception {
    HttpResponse<String> refused =
        submit(
            OUTSIDER_TOKEN,
            "main",
            registry + "/acceptance/app",
            "sha256:" + "ab".repeat(32),
            "1.0",
            null);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("submitter outsider may not use signing policy main");
  }

  @Test
  @Order(1)
  void repository_outsideThePolicysPatterns_isDeniedNamingIt() throws Exception {
    PushedImage image = TestImages.push(registry, "elsewhere/app", "1.0");
    String id = accepted(submit(CI_TOKEN, "main", image, null));

    String status = stack.awaitStatus(id, CI_TOKEN, "DENIED");

    assertThat(status)
        .contains(
            "repository "
                + registry
                + "/elsewhere/app is not covered by policy "
                + PROJECT
                + "/main");
  }

  @Test
  @Order(1)
  void identityToken_matchingClaims_isSigned() throws Exception {
    PushedImage image = TestImages.push(registry, "acceptance/built", "1.0");
    String token = TestIssuer.sign(issuerKey, issuer.claims("refs/heads/main").build());

    String id = accepted(submit(CI_TOKEN, "verified", image, token));

    stack.awaitStatus(id, CI_TOKEN, "COMPLETED");
    assertThat(
            CosignVerifier.verify(
                    registry,
                    "acceptance/built",
                    image.digest(),
                    PublicKeys.fromPem(
                        Files.readString(Path.of(stack.env("HALLMARK_COSIGN_PUBLIC_KEY")))))
                .verified())
        .isNotEmpty();
  }

  @Test
  @Order(1)
  void identityToken_wrongRef_isDeniedNamingTheClaim() throws Exception {
    PushedImage image = TestImages.push(registry, "acceptance/built", "dev");
    String token = TestIssuer.sign(issuerKey, issuer.claims("refs/heads/dev").build());

    String id = accepted(submit(CI_TOKEN, "verified", image, token));

    assertThat(stack.awaitStatus(id, CI_TOKEN, "DENIED"))
        .contains(
            "origin claim ref is refs/heads/dev, policy "
                + PROJECT
                + "/verified accepts [refs/heads/main]");
  }

  @Test
  @Order(1)
  void identityToken_expiredWrongAudienceOrUnknownKey_isRefusedNamingTheToken() throws Exception {
    JWTClaimsSet expired =
        issuer
            .claims("refs/heads/main")
            .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
            .notBeforeTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
            .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
            .build();
    JWTClaimsSet otherAudience = issuer.claims("refs/heads/main").audience("someone-else").build();
    String unknownKey =
        TestIssuer.sign(
            TestIssuer.unpublishedKey("attacker"), issuer.claims("refs/heads/main").build());

    for (String token :
        new String[] {
          TestIssuer.sign(issuerKey, expired), TestIssuer.sign(issuerKey, otherAudience), unknownKey
        }) {
      HttpResponse<String> refused =
          submit(
              CI_TOKEN,
              "verified",
              registry + "/acceptance/built",
              "sha256:" + "cd".repeat(32),
              "1.0",
              token);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(refused.body()).contains("\"field\":\"identityToken\"").doesNotContain(token);
    }
  }

  @Test
  @Order(2)
  void policyChangedThroughTheApi_decidesTheNextRequest_oldRequestKeepsItsVersion()
      throws Exception {
    PushedImage image = TestImages.push(registry, "acceptance/app", "1.0");
    String before = accepted(submit(CI_TOKEN, "main", image, null));
    assertThat(stack.awaitStatus(before, CI_TOKEN, "COMPLETED")).contains("\"policyVersion\":1");

    HttpResponse<String> changed =
        stack.send(
            "PUT",
            stack.env("HALLMARK_POLICY_URL")
                + "/api/v1/admin/projects/"
                + PROJECT
                + "/policies/main",
            stack.env("HALLMARK_ADMIN_TOKEN"),
            mainPolicy("v*"));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(changed.body()).contains("\"main\":2").contains("\"changedPolicies\":[\"main\"]");
    String after = accepted(submit(CI_TOKEN, "main", image, null));

    assertThat(stack.awaitStatus(after, CI_TOKEN, "DENIED"))
        .contains("\"policyVersion\":2")
        .contains("tag 1.0 of " + registry + "/acceptance/app is not allowed by policy");
    assertThat(stack.awaitStatus(before, CI_TOKEN, "COMPLETED")).contains("\"policyVersion\":1");
    JsonNode audit =
        json.readTree(
            stack
                .send(
                    "GET",
                    stack.env("HALLMARK_AUDIT_URL") + "/api/v1/audit?project=" + PROJECT,
                    stack.env("HALLMARK_AUDIT_TOKEN"),
                    null)
                .body());
    assertThat(audit.findValuesAsText("actor")).contains("admin");
    assertThat(audit.toString()).contains("main v2").doesNotContain(sha256(CI_TOKEN));
  }

  @Test
  @Order(1)
  void gatedPolicy_selfApprovalRefused_otherApproverSigns() throws Exception {
    PushedImage image = TestImages.push(registry, "acceptance/gated", "1.0");
    String id = accepted(submit(CI_TOKEN, "gated", image, null));
    stack.awaitStatus(id, CI_TOKEN, "PENDING_APPROVAL");
    String approvals =
        stack.env("HALLMARK_POLICY_URL") + "/api/v1/signing-requests/" + id + "/approvals";

    HttpResponse<String> self =
        stack.send("POST", approvals, CI_APPROVER_TOKEN, "{\"decision\":\"approve\"}");
    assertThat(self.statusCode()).as(self.body()).isEqualTo(403);
    assertThat(stack.awaitStatus(id, CI_TOKEN, "PENDING_APPROVAL")).doesNotContain(".sig\"");

    HttpResponse<String> carol =
        stack.send("POST", approvals, CAROL_TOKEN, "{\"decision\":\"approve\"}");
    assertThat(carol.statusCode()).as(carol.body()).isEqualTo(201);
    assertThat(stack.awaitStatus(id, CI_TOKEN, "COMPLETED")).contains("\"approvers\":[\"carol\"]");
  }

  /** intake learns the new project's tokens from the catalogue topic, within seconds. */
  private void awaitTokenKnownToIntake() throws Exception {
    String url = stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests/" + UUID.randomUUID();
    Await.until(
        "intake knows the API-made token",
        Duration.ofSeconds(60),
        () -> stack.get(url, CI_TOKEN).statusCode() != 401);
  }

  private HttpResponse<String> submit(String ci, String policy, PushedImage image, String token)
      throws Exception {
    return submit(
        ci,
        policy,
        image.registry() + "/" + image.repository(),
        image.digest(),
        image.tag(),
        token);
  }

  private HttpResponse<String> submit(
      String ci, String policy, String repository, String digest, String tag, String token)
      throws Exception {
    String body =
        """
        {"project": "%s", "signingPolicy": "%s", "methods": ["cosign"],%s
         "artifacts": [{"repository": "%s", "digest": "%s", "tags": ["%s"]}]}
        """
            .formatted(
                PROJECT,
                policy,
                token == null ? "" : " \"identityToken\": \"" + token + "\",",
                repository,
                digest,
                tag);
    return stack.send(
        "POST", stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests", ci, body);
  }

  private static String accepted(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  private String project(String mainTags) {
    return """
        {"submitters": {"ci": {"token-sha256": "%s"}, "outsider": {"token-sha256": "%s"}},
         "approvers": {"ci": {"token-sha256": "%s", "groups": ["release"]},
                       "carol": {"token-sha256": "%s", "groups": ["release"]}},
         "policies": {"main": %s,
                      "gated": {"submitters": ["ci"], "repositories": ["%s/acceptance/*"],
                                "methods": ["cosign"], "key": "demo-cosign",
                                "approval": {"required": 1, "group": "release"}},
                      "verified": {"submitters": ["ci"], "repositories": ["%s/acceptance/*"],
                                   "methods": ["cosign"], "key": "demo-cosign",
                                   "origin": {"issuers": [{"issuer": "%s", "jwks-url": "%s",
                                                           "audience": "%s"}],
                                              "claims": {"ref": ["refs/heads/main"]}}}}}
        """
        .formatted(
            sha256(CI_TOKEN),
            sha256(OUTSIDER_TOKEN),
            sha256(CI_APPROVER_TOKEN),
            sha256(CAROL_TOKEN),
            mainPolicy(mainTags),
            registry,
            registry,
            issuer.issuer(),
            issuer.jwksUrl(),
            TestIssuer.AUDIENCE);
  }

  private String mainPolicy(String tags) {
    return """
        {"submitters": ["ci"], "repositories": ["%s/acceptance/*"], "tags": ["%s"],
         "methods": ["cosign"], "key": "demo-cosign"}
        """
        .formatted(registry, tags);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
