package dev.hallmark.policy.evaluation;

import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.REGISTRY;
import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.catalogue;
import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.Origin;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.policy.model.ClaimPattern;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.OriginRule.TrustedIssuer;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.Project;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The origin rule of a policy: verified origins, trusted issuers, claim patterns. */
class PolicyEvaluatorOriginTest {
  static final String GITHUB = "https://token.actions.githubusercontent.com";
  static final TrustedIssuer TRUSTED =
      new TrustedIssuer(GITHUB, URI.create(GITHUB + "/.well-known/jwks"), "hallmark");
  static final Map<String, List<ClaimPattern>> CLAIMS =
      Map.of(
          "repository", List.of(ClaimPattern.of("acme/app")),
          "ref", List.of(ClaimPattern.of("refs/heads/main"), ClaimPattern.of("refs/tags/v*")));

  final PolicyEvaluator evaluator =
      new PolicyEvaluator(
          catalogue(
              new Project(
                  "demo",
                  Set.of("ci"),
                  Map.of(),
                  Map.of(
                      "verified",
                          policy("verified", new OriginRule(List.of(TRUSTED), CLAIMS, false)),
                      "lenient", policy("lenient", new OriginRule(List.of(TRUSTED), CLAIMS, true)),
                      "any", policy("any", null)))));

  @Test
  void evaluate_verifiedOriginWithMatchingClaims_approves() {
    Decision decision = evaluate("verified", verified(GITHUB, "refs/tags/v1.2.0"));

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
  }

  @Test
  void evaluate_refNotAccepted_deniesNamingClaimValueAndPatterns() {
    Decision decision = evaluate("verified", verified(GITHUB, "refs/heads/dev"));

    assertDenied(
        decision,
        "origin claim ref is refs/heads/dev, policy demo/verified accepts"
            + " [refs/heads/main, refs/tags/v*]");
  }

  @Test
  void evaluate_claimMissingFromToken_deniesNamingClaim() {
    Origin origin = verified(GITHUB, "refs/heads/main");
    origin.getClaims().remove("repository");

    Decision decision = evaluate("verified", origin);

    assertDenied(
        decision, "origin claim repository is missing, policy demo/verified accepts [acme/app]");
  }

  @Test
  void evaluate_starInClaimPattern_crossesSlashes() {
    Decision decision = evaluate("verified", verified(GITHUB, "refs/tags/v1/rc"));

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
  }

  @Test
  void evaluate_issuerNotInPolicy_denies() {
    Decision decision = evaluate("verified", verified("https://gitlab.example", "refs/heads/main"));

    assertDenied(
        decision,
        "origin issuer https://gitlab.example is not trusted by policy demo/verified, which trusts ["
            + GITHUB
            + "]");
  }

  @Test
  void evaluate_declaredOriginWithoutAllowDeclared_denies() {
    Decision decision = evaluate("verified", declared());

    assertDenied(
        decision,
        "origin is not verified: policy demo/verified requires an identity token from ["
            + GITHUB
            + "]");
  }

  @Test
  void evaluate_noOriginWithoutAllowDeclared_denies() {
    Decision decision = evaluate("verified", null);

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.reason()).startsWith("origin is not verified");
  }

  @Test
  void evaluate_declaredOriginWithAllowDeclared_approvesKeepingItUnverified() {
    Origin origin = declared();

    Decision decision = evaluate("lenient", origin);

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(origin.getVerified()).isFalse();
  }

  @Test
  void evaluate_verifiedOriginWithAllowDeclared_stillChecksClaims() {
    Decision decision = evaluate("lenient", verified(GITHUB, "refs/heads/dev"));

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.reason()).startsWith("origin claim ref is refs/heads/dev");
  }

  @Test
  void evaluate_policyWithoutOriginRule_approvesDeclaredOrigin() {
    Decision decision = evaluate("any", declared());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
  }

  @Test
  void evaluate_longClaimValue_isShortenedInTheReason() {
    Decision decision = evaluate("verified", verified(GITHUB, "refs/heads/" + "x".repeat(500)));

    assertThat(decision.reason()).hasSizeLessThan(400).contains("…");
  }

  private Decision evaluate(String policy, Origin origin) {
    return evaluator.evaluate(request().setSigningPolicy(policy).setOrigin(origin).build());
  }

  private static void assertDenied(Decision decision, String reason) {
    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.reason()).isEqualTo(reason);
    assertThat(decision.keyId()).isNull();
  }

  static Origin verified(String issuer, String ref) {
    Map<String, String> claims = new HashMap<>();
    claims.put("repository", "acme/app");
    claims.put("ref", ref);
    claims.put("sub", "repo:acme/app:ref:" + ref);
    return Origin.newBuilder()
        .setRepositoryUrl("acme/app")
        .setRef(ref)
        .setCommit("0123abc")
        .setBuildUrl(null)
        .setVerified(true)
        .setIssuer(issuer)
        .setClaims(claims)
        .build();
  }

  static Origin declared() {
    return Origin.newBuilder()
        .setRepositoryUrl("https://git.example/acme/app")
        .setRef("refs/heads/main")
        .setCommit("0123abc")
        .setBuildUrl(null)
        .setVerified(false)
        .build();
  }

  static Policy policy(String name, OriginRule origin) {
    return new Policy(
        "demo",
        name,
        1,
        Set.of("ci"),
        List.of(Glob.of(REGISTRY + "/demo/*")),
        List.of(Glob.of("*")),
        false,
        List.of(SigningMethod.COSIGN),
        "demo-cosign",
        origin,
        null);
  }
}
