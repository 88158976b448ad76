package dev.hallmark.policy.evaluation;

import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.REGISTRY;
import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.catalogue;
import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.image;
import static dev.hallmark.policy.evaluation.PolicyEvaluatorTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.policy.model.ApprovalRule;
import dev.hallmark.policy.model.Approver;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.Project;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorApprovalTest {
  static final Policy RELEASE =
      new Policy(
          "demo",
          "release",
          3,
          Set.of("ci"),
          List.of(Glob.of(REGISTRY + "/demo/*")),
          List.of(Glob.of("*")),
          false,
          List.of(SigningMethod.COSIGN),
          "demo-cosign",
          null,
          new ApprovalRule(2, "release", Duration.ofHours(24)));

  static final Policy SINGLE =
      new Policy(
          "demo",
          "single",
          1,
          Set.of("ci"),
          List.of(Glob.of(REGISTRY + "/demo/*")),
          List.of(Glob.of("*")),
          false,
          List.of(SigningMethod.COSIGN, SigningMethod.NOTARY),
          "demo-cosign",
          null,
          new ApprovalRule(1, "leads", Duration.ofMinutes(30)));

  final PolicyEvaluator evaluator =
      new PolicyEvaluator(
          catalogue(
              new Project(
                  "demo",
                  Set.of("ci"),
                  Map.of(
                      "alice", new Approver("alice", "aa".repeat(32), Set.of("release", "leads")),
                      "bob", new Approver("bob", "bb".repeat(32), Set.of("release"))),
                  Map.of("release", RELEASE, "single", SINGLE))));

  @Test
  void evaluate_requestWithinApprovalPolicy_isPendingNamingWhatItWaitsFor() {
    Decision decision = evaluator.evaluate(request().setSigningPolicy("release").build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PENDING_APPROVAL);
    assertThat(decision.pendingApproval()).isTrue();
    assertThat(decision.approved()).isFalse();
    assertThat(decision.reason())
        .isEqualTo("waiting for 2 approvals from group release of project demo");
    assertThat(decision.policy()).isEqualTo(RELEASE);
    assertThat(decision.policyVersion()).isEqualTo(3);
    // Announced with the final decision, not before.
    assertThat(decision.keyId()).isNull();
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN);
  }

  @Test
  void evaluate_oneApprovalRequired_reasonSaysApprovalInTheSingular() {
    Decision decision =
        evaluator.evaluate(request().setSigningPolicy("single").setMethods(List.of()).build());

    assertThat(decision.reason())
        .isEqualTo("waiting for 1 approval from group leads of project demo");
    assertThat(decision.methods()).containsExactly(SigningMethod.COSIGN, SigningMethod.NOTARY);
  }

  @Test
  void evaluate_requestBreakingARuleOfApprovalPolicy_isDeniedWithoutWaiting() {
    Decision decision =
        evaluator.evaluate(
            request()
                .setSigningPolicy("release")
                .setImages(List.of(image("other/app", "1.0")))
                .build());

    assertThat(decision.outcome()).isEqualTo(DecisionOutcome.DENIED);
    assertThat(decision.reason())
        .isEqualTo("repository 127.0.0.1:15000/other/app is not covered by policy demo/release");
  }

  @Test
  void new_pendingDecisionForPolicyWithoutApprovalRule_isRefused() {
    assertThatThrownBy(
            () ->
                new Decision(
                    DecisionOutcome.PENDING_APPROVAL,
                    "waiting",
                    PolicyEvaluatorTest.DEFAULT,
                    List.of(SigningMethod.COSIGN)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
