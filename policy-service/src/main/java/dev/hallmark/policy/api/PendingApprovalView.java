package dev.hallmark.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.policy.approval.PendingApprovals.PendingRequest;
import dev.hallmark.policy.decision.PendingDecisionRow;
import dev.hallmark.policy.model.SigningMethods;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request waiting for the caller's approval: everything needed to judge it.
 *
 * @param submitter the name of who asked for it
 * @param submitterKind {@code CI_TOKEN} or {@code REGISTRY_WEBHOOK}
 * @param images the images, by digest, with the tags they are to be signed for
 * @param methods the signature formats the approval approves
 * @param key the signing key the approval signs with
 * @param origin where the images were built, verified or as declared; null when unknown
 * @param approvals the verdicts so far, oldest first
 * @param required approvals the policy requires
 * @param group the approver group that may approve
 * @param pendingSince when the request started waiting
 * @param expiresAt when it is denied unless approved before
 */
@Serdeable
record PendingApprovalView(
    String requestId,
    String project,
    String policy,
    int policyVersion,
    String submitter,
    String submitterKind,
    List<ImageView> images,
    List<String> methods,
    String key,
    @Nullable OriginView origin,
    // Empty lists are shown too (the serializer leaves them out by default).
    @JsonInclude(JsonInclude.Include.ALWAYS) List<ApprovalView> approvals,
    int required,
    String group,
    Instant pendingSince,
    Instant expiresAt) {

  static PendingApprovalView of(PendingRequest waiting) {
    PendingDecisionRow pending = waiting.pending();
    Origin origin = waiting.request().getOrigin();
    return new PendingApprovalView(
        pending.requestId().toString(),
        pending.project(),
        pending.policy(),
        pending.policyVersion(),
        pending.submitter(),
        pending.submitterKind(),
        waiting.request().getImages().stream().map(ImageView::of).toList(),
        pending.methodList().stream().map(SigningMethods::nameOf).toList(),
        pending.keyId(),
        origin == null ? null : OriginView.of(origin),
        waiting.approvals().stream().map(ApprovalView::of).toList(),
        pending.required(),
        pending.approvalGroup(),
        pending.pendingSince(),
        pending.expiresAt());
  }

  /** An image by digest, and the tags it is to be signed for. */
  @Serdeable
  record ImageView(
      String registry,
      String repository,
      String digest,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<String> tags) {
    static ImageView of(ImageRef image) {
      return new ImageView(
          image.getRegistry(), image.getRepository(), image.getDigest(), image.getTags());
    }
  }

  /**
   * Where the images were built.
   *
   * @param verified true when intake took it from a CI identity token it verified
   * @param issuer the token's issuer, when verified
   * @param claims the token's string claims, when verified
   */
  @Serdeable
  record OriginView(
      @Nullable String repositoryUrl,
      @Nullable String ref,
      @Nullable String commit,
      @Nullable String buildUrl,
      boolean verified,
      @Nullable String issuer,
      Map<String, String> claims) {
    static OriginView of(Origin origin) {
      return new OriginView(
          origin.getRepositoryUrl(),
          origin.getRef(),
          origin.getCommit(),
          origin.getBuildUrl(),
          origin.getVerified(),
          origin.getIssuer(),
          new TreeMap<>(origin.getClaims()));
    }
  }
}
