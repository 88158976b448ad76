package dev.hallmark.policy.api;

import dev.hallmark.policy.approval.ApprovalService;
import dev.hallmark.policy.approval.ApproverAuthenticator;
import dev.hallmark.policy.approval.ApproverIdentity;
import dev.hallmark.policy.approval.PendingApprovals;
import dev.hallmark.policy.approval.Verdict;
import dev.hallmark.runtime.http.FieldErrors;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;

/**
 * The approvers' API: the requests waiting for the caller's approval, and their verdicts. Every
 * call needs an approver's bearer token; it sees and decides requests of its projects only.
 *
 * <p>Off the event loop: a verdict waits for the row lock of verdicts on the same request before
 * it, and that wait must not hold up other connections.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApprovalController {
  static final int MAX_COMMENT = 1000;
  static final String PENDING = "pending";

  private final ApproverAuthenticator authenticator;
  private final PendingApprovals pendingApprovals;
  private final ApprovalService approvals;

  ApprovalController(
      ApproverAuthenticator authenticator,
      PendingApprovals pendingApprovals,
      ApprovalService approvals) {
    this.authenticator = authenticator;
    this.pendingApprovals = pendingApprovals;
    this.approvals = approvals;
  }

  /** Requests the caller may approve now, oldest first. {@code status} is {@code pending}. */
  @Get(value = "/approvals", produces = MediaType.APPLICATION_JSON)
  List<PendingApprovalView> pending(
      @Nullable @Header("Authorization") String authorization,
      @Nullable @QueryValue String status) {
    ApproverIdentity caller = authenticator.authenticate(authorization);
    if (status != null && !status.equals(PENDING)) {
      throw invalid("status", "must be " + PENDING + " (the only status listed)");
    }
    return pendingApprovals.awaiting(caller).stream().map(PendingApprovalView::of).toList();
  }

  /** The caller's verdict on a pending request: 201 with the request's approval state. */
  @Post(
      value = "/signing-requests/{id}/approvals",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<ApprovalStateView> decide(
      @Nullable @Header("Authorization") String authorization,
      @PathVariable String id,
      @Body ApprovalSubmission submission) {
    ApproverIdentity caller = authenticator.authenticate(authorization);
    UUID requestId = parseId(id);
    FieldErrors errors = new FieldErrors();
    Verdict verdict =
        submission.decision() == null
            ? null
            : Verdict.fromApiName(submission.decision()).orElse(null);
    if (verdict == null) {
      errors.add("decision", "must be approve or reject");
    }
    String comment = submission.comment();
    if (comment != null && comment.length() > MAX_COMMENT) {
      errors.add("comment", "must be at most " + MAX_COMMENT + " characters");
    }
    errors.throwIfAny();
    String cleanComment = comment == null || comment.isBlank() ? null : comment.strip();
    return HttpResponse.<ApprovalStateView>status(HttpStatus.CREATED)
        .body(ApprovalStateView.of(approvals.record(requestId, caller, verdict, cleanComment)));
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw invalid("id", "must be a request id (UUID)");
    }
  }

  private static InvalidRequestException invalid(String field, String detail) {
    return new InvalidRequestException(List.of(FieldProblem.of(field, detail)));
  }
}
