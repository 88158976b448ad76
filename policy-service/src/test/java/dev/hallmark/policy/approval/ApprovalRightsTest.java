package dev.hallmark.policy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.policy.model.Approver;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalRightsTest {
  static final UUID REQUEST = UUID.fromString("00000000-0000-0000-0000-000000000007");

  @Test
  void refusal_memberOfGroupWhoDidNotSubmit_isNone() {
    assertThat(ApprovalRights.refusal(approver("alice", "release"), pending("CI_TOKEN", "ci")))
        .isEmpty();
  }

  @Test
  void refusal_notInGroup_namesGroupAndPolicy() {
    assertThat(ApprovalRights.refusal(approver("dave", "audit"), pending("CI_TOKEN", "ci")))
        .hasValue(
            "approver dave is not in group release, whose approval policy demo/release requires");
  }

  @Test
  void refusal_approverNamedLikeCiSubmitter_isSelfApproval() {
    assertThat(ApprovalRights.refusal(approver("erin", "release"), pending("CI_TOKEN", "erin")))
        .hasValue("erin submitted request " + REQUEST + " and cannot approve it");
  }

  @Test
  void refusal_approverNamedLikeWebhookSubmitter_isNone() {
    // A registry push has no person behind it: its submitter name is not an approver's.
    assertThat(
            ApprovalRights.refusal(
                approver("registry", "release"), pending("REGISTRY_WEBHOOK", "registry")))
        .isEmpty();
  }

  static Approver approver(String name, String group) {
    return new Approver(name, "ab".repeat(32), Set.of(group));
  }

  static PendingDecisionRow pending(String submitterKind, String submitter) {
    Instant since = Instant.parse("2026-01-01T00:00:00Z");
    return new PendingDecisionRow(
        REQUEST,
        UUID.randomUUID(),
        new byte[0],
        "demo",
        "release",
        1,
        submitterKind,
        submitter,
        "release",
        2,
        "COSIGN",
        "demo-cosign",
        since,
        since.plusSeconds(86_400),
        null,
        null,
        null);
  }
}
