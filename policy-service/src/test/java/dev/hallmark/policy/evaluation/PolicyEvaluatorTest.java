package dev.hallmark.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import dev.hallmark.events.SubmitterKind;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.PolicyCatalogue;
import dev.hallmark.policy.model.Project;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  static final String REGISTRY = "127.0.0.1:15000";

  static final Policy DEFAULT =
      new Policy(
          "demo",
          "default",
          1,
          Set.of("ci"),
          List.of(Glob.of(REGISTRY + "/demo/*")),
          List.of(Glob.of("*")),
          true,
          List.of(SigningMethod.COSIGN),
          "demo-cosign",
          null,
          null);

  static final Policy RELEASES =
      new Policy(
          "demo",
          "releases",
          1,
          Set.of("ci", "release-bot"),
          List.of(Glob.of(REGISTRY + "/demo/**")),
          List.of(Glob.of("v*")),
          false,
          List.of(SigningMethod.COSIGN, SigningMethod.NOTARY),
          "demo-release",
          null,
          null);

  static final Policy EVERYTHING =
      new Policy(
          "demo",
          "everything",
          1,
          Set.of("ci"),
          List.of(Glob.of(REGISTRY + "/demo/*")),
          List.of(Glob.of("*")),
          false,
          List.of(SigningMethod.COSIGN, SigningMethod.NOTARY, SigningMethod.NOTATION),
          "demo-cosign",
          null,
          null);

  final PolicyEvaluator evaluator =
      new PolicyEvaluator(
          catalogue(
              new Project(
                  "demo",
                  Set.of("ci", "release-bot", "other-ci"),
                  Map.of(),
                  Map.of("default", DEFAULT, "releases", RELEASES, "everything", EVERYTHING))));

  @Test
  void evaluate_ciRequestWithinPolicy_approvesWithPolicyKeyAndVersion() {
    Decision decision = evaluator.evaluate(request().build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.reason()).isNull();
    assertThat(decision.policy()).isEqualTo(DEFAULT);
    assertThat(decision.policyVersion()).isEqualTo(1);
    assertThat(decision.keyId()).isEqualTo("demo-cosign");
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN);
  }

  @Test
  void evaluate_noMethodsRequested_approvesThePolicyMethods() {
    Decision decision = evaluator.evaluate(request().setMethods(List.of()).build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN);
  }

  @Test
  void evaluate_methodRequestedTwice_approvesItOnce() {
    Decision decision =
        evaluator.evaluate(
            request().setMethods(List.of(SigningMethod.COSIGN, SigningMethod.COSIGN)).build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN);
  }

  @Test
  void evaluate_unknownProject_deniesWithoutPolicy() {
    Decision decision = evaluator.evaluate(request().setProject("nope").build());

    assertDenied(decision, "project nope is not configured");
    assertThat(decision.policy()).isNull();
    assertThat(decision.policyVersion()).isEqualTo(Decision.NO_POLICY_VERSION);
    assertThat(decision.keyId()).isNull();
    assertThat(decision.methods()).isEmpty();
  }

  @Test
  void evaluate_unknownPolicy_deniesNamingProjectAndPolicy() {
    Decision decision = evaluator.evaluate(request().setSigningPolicy("nightly").build());

    assertDenied(decision, "policy demo/nightly is not configured");
    assertThat(decision.policyVersion()).isEqualTo(Decision.NO_POLICY_VERSION);
  }

  @Test
  void evaluate_ciSubmitterOfProjectButNotOfPolicy_denies() {
    Decision decision = evaluator.evaluate(request().setSubmitter(ci("other-ci")).build());

    assertDenied(decision, "submitter other-ci is not allowed to use policy demo/default");
    assertThat(decision.policy()).isEqualTo(DEFAULT);
    assertThat(decision.policyVersion()).isEqualTo(1);
    assertThat(decision.keyId()).isNull();
  }

  @Test
  void evaluate_webhookPushWithAutoSign_approves() {
    Decision decision =
        evaluator.evaluate(
            request().setSubmitter(submitter(SubmitterKind.REGISTRY_WEBHOOK, "registry")).build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
  }

  @Test
  void evaluate_webhookPushWithoutAutoSign_denies() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("releases")
                .setSubmitter(submitter(SubmitterKind.REGISTRY_WEBHOOK, "registry"))
                .setImages(List.of(image("demo/app", "v1")))
                .build());

    assertDenied(
        decision,
        "registry pushes are not signed automatically by policy demo/releases"
            + " (auto-sign-pushes is off)");
  }

  @Test
  void evaluate_adminSubmitter_deniesAsNotSupportedYet() {
    Decision decision =
        evaluator.evaluate(request().setSubmitter(submitter(SubmitterKind.ADMIN, "alice")).build());

    assertDenied(decision, "submitter kind ADMIN is not supported yet");
  }

  @Test
  void evaluate_repositoryNotCovered_deniesNamingRepositoryAndPolicy() {
    Decision decision =
        evaluator.evaluate(request().setImages(List.of(image("other/app", "1.0"))).build());

    assertDenied(
        decision, "repository 127.0.0.1:15000/other/app is not covered by policy demo/default");
  }

  @Test
  void evaluate_secondImageNotCovered_deniesNamingThatImage() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setImages(List.of(image("demo/app", "1.0"), image("demo/team/app", "1.0")))
                .build());

    assertDenied(
        decision, "repository 127.0.0.1:15000/demo/team/app is not covered by policy demo/default");
  }

  @Test
  void evaluate_otherRegistry_denies() {
    ImageRef elsewhere = image("demo/app", "1.0");
    elsewhere.setRegistry("registry.example");

    Decision decision = evaluator.evaluate(request().setImages(List.of(elsewhere)).build());

    assertDenied(
        decision, "repository registry.example/demo/app is not covered by policy demo/default");
  }

  @Test
  void evaluate_noImages_denies() {
    Decision decision = evaluator.evaluate(request().setImages(List.of()).build());

    assertDenied(decision, "the request names no images");
  }

  @Test
  void evaluate_deepRepositoryUnderDoubleStar_approves() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("releases")
                .setImages(List.of(image("demo/team/sub/app", "v2.0")))
                .build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.keyId()).isEqualTo("demo-release");
  }

  @Test
  void evaluate_tagNotAllowed_deniesNamingTagAndRepository() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("releases")
                .setImages(List.of(image("demo/app", "v1", "latest")))
                .build());

    assertDenied(
        decision, "tag latest of 127.0.0.1:15000/demo/app is not allowed by policy demo/releases");
  }

  @Test
  void evaluate_untaggedImage_passesTheTagRule() {
    Decision decision =
        evaluator.evaluate(
            request().setSigningPolicy("releases").setImages(List.of(image("demo/app"))).build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
  }

  @Test
  void evaluate_methodNotAllowedByPolicy_denies() {
    Decision decision =
        evaluator.evaluate(request().setMethods(List.of(SigningMethod.NOTARY)).build());

    assertDenied(decision, "method notary is not allowed by policy demo/default");
  }

  @Test
  void evaluate_notaryAllowedByPolicy_approves() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("releases")
                .setImages(List.of(image("demo/app", "v1")))
                .setMethods(List.of(SigningMethod.COSIGN, SigningMethod.NOTARY))
                .build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.keyId()).isEqualTo("demo-release");
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN, SigningMethod.NOTARY);
  }

  @Test
  void evaluate_noMethodsRequestedAndPolicyListsNotary_approvesBoth() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("releases")
                .setImages(List.of(image("demo/app", "v1")))
                .setMethods(List.of())
                .build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN, SigningMethod.NOTARY);
  }

  @Test
  void evaluate_notationAllowedByPolicy_deniesAsNotSupportedYet() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("everything")
                .setMethods(List.of(SigningMethod.NOTARY, SigningMethod.NOTATION))
                .build());

    assertDenied(decision, "method notation is not supported yet");
  }

  @Test
  void evaluate_noMethodsRequestedAndPolicyListsNotation_deniesAsNotSupportedYet() {
    Decision decision =
        evaluator.evaluate(request().setSigningPolicy("everything").setMethods(List.of()).build());

    assertDenied(decision, "method notation is not supported yet");
  }

  @Test
  void evaluate_cosignOnlyUnderPolicyListingNotary_approves() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("releases")
                .setSubmitter(ci("release-bot"))
                .setImages(List.of(image("demo/app", "v1")))
                .build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.APPROVED);
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN);
  }

  @Test
  void evaluate_severalRulesFail_reasonNamesTheFirst() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSubmitter(ci("other-ci"))
                .setImages(List.of(image("other/app", "1.0")))
                .setMethods(List.of(SigningMethod.NOTATION))
                .build());

    assertDenied(decision, "submitter other-ci is not allowed to use policy demo/default");
  }

  private static void assertDenied(Decision decision, String reason) {
    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.reason()).isEqualTo(reason);
    assertThat(decision.keyId()).isNull();
    assertThat(decision.methods()).isEmpty();
  }

  static SigningRequested.Builder request() {
    return SigningRequested.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.parse("2026-01-01T00:00:00Z"))
        .setProject("demo")
        .setSigningPolicy("default")
        .setImages(List.of(image("demo/app", "1.0")))
        .setMethods(List.of(SigningMethod.COSIGN))
        .setSubmitter(ci("ci"))
        .setDescription(null)
        .setOrigin(null)
        .setWebhookDeliveryId(null);
  }

  static ImageRef image(String repository, String... tags) {
    return ImageRef.newBuilder()
        .setRegistry(REGISTRY)
        .setRepository(repository)
        .setDigest("sha256:" + "ab".repeat(32))
        .setTags(Arrays.asList(tags))
        .build();
  }

  static Submitter ci(String name) {
    return submitter(SubmitterKind.CI_TOKEN, name);
  }

  static Submitter submitter(SubmitterKind kind, String name) {
    return Submitter.newBuilder().setKind(kind).setName(name).setRemoteAddress(null).build();
  }

  static PolicyCatalogue catalogue(Project... projects) {
    return new PolicyCatalogue() {
      @Override
      public List<Project> projects() {
        return List.of(projects);
      }

      @Override
      public Optional<Project> project(String name) {
        return Arrays.stream(projects).filter(p -> p.name().equals(name)).findFirst();
      }
    };
  }
}
