package dev.hallmark.policy.decision;

import dev.hallmark.events.SigningMethod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code policy.pending_decision}: a request waiting for approvals, with what its final
 * decision needs, as it was when the request became pending.
 *
 * @param signingRequest the {@code SigningRequested} as intake wrote it, single-object encoded
 * @param submitterKind the request's submitter kind ({@code CI_TOKEN}, ...)
 * @param submitter the submitter's name; never approves the request
 * @param methods the methods the approval approves, symbol names separated by commas
 * @param keyId the key the approval signs with
 * @param settlement null while pending; then how it ended ({@link Settlement})
 */
@MappedEntity("pending_decision")
public record PendingDecisionRow(
    @Id UUID requestId,
    UUID pendingEventId,
    byte[] signingRequest,
    String project,
    String policy,
    int policyVersion,
    String submitterKind,
    String submitter,
    String approvalGroup,
    int required,
    String methods,
    String keyId,
    Instant pendingSince,
    Instant expiresAt,
    @Nullable String settlement,
    @Nullable Instant settledAt,
    @Nullable UUID finalEventId) {

  /** How a pending request ended. */
  public enum Settlement {
    APPROVED,
    REJECTED,
    EXPIRED
  }

  /** A request that starts waiting: not settled yet. */
  public static PendingDecisionRow unsettled(
      UUID requestId,
      UUID pendingEventId,
      byte[] signingRequest,
      String project,
      String policy,
      int policyVersion,
      String submitterKind,
      String submitter,
      String approvalGroup,
      int required,
      String methods,
      String keyId,
      Instant pendingSince,
      Instant expiresAt) {
    return new PendingDecisionRow(
        requestId,
        pendingEventId,
        signingRequest,
        project,
        policy,
        policyVersion,
        submitterKind,
        submitter,
        approvalGroup,
        required,
        methods,
        keyId,
        pendingSince,
        expiresAt,
        null,
        null,
        null);
  }

  public boolean open() {
    return settlement == null;
  }

  /** Whether the request has waited as long as its policy allows (the expiry job may lag). */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** How long the policy let the request wait: its {@code expires-after}. */
  public Duration waitLimit() {
    return Duration.between(pendingSince, expiresAt);
  }

  public List<SigningMethod> methodList() {
    return Arrays.stream(methods.split(",")).map(SigningMethod::valueOf).toList();
  }

  static String methodsColumn(List<SigningMethod> methods) {
    return String.join(",", methods.stream().map(SigningMethod::name).toList());
  }

  /** Keeps the request bytes out of logs. */
  @Override
  public String toString() {
    return "PendingDecisionRow[" + requestId + ", " + project + "/" + policy + "]";
  }
}
