package dev.hallmark.intake.api;

import dev.hallmark.events.SubmitterKind;
import dev.hallmark.intake.auth.CiAuthenticator;
import dev.hallmark.intake.origin.IdentityTokenVerifier;
import dev.hallmark.intake.origin.InvalidIdentityTokenException;
import dev.hallmark.intake.projects.PolicySummary;
import dev.hallmark.intake.projects.ProjectDirectory.CiSubmitter;
import dev.hallmark.intake.projects.TrustedIssuer;
import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.intake.request.RequestSubmitter;
import dev.hallmark.intake.request.SigningRequestRow;
import dev.hallmark.intake.request.SigningRequestService;
import dev.hallmark.intake.resolve.ImageResolver;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** CI-facing API: submit a signing request and follow its status. */
@Controller("/api/v1/signing-requests")
final class SigningRequestController {
  static final int MAX_IDEMPOTENCY_KEY = 200;

  private final SigningRequestService service;
  private final CiAuthenticator authenticator;
  private final SubmissionAccess access;
  private final ImageResolver resolver;
  private final IdentityTokenVerifier tokens;

  SigningRequestController(
      SigningRequestService service,
      CiAuthenticator authenticator,
      SubmissionAccess access,
      ImageResolver resolver,
      IdentityTokenVerifier tokens) {
    this.resolver = resolver;
    this.tokens = tokens;
    this.service = service;
    this.authenticator = authenticator;
    this.access = access;
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  HttpResponse<RequestStatusView> submit(
      HttpRequest<?> http,
      @Nullable @Header("Authorization") String authorization,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Body SigningRequestSubmission submission) {
    CiSubmitter submitter = authenticator.authenticate(authorization);
    if (idempotencyKey != null
        && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
      throw new InvalidRequestException(
          List.of(
              Problem.FieldProblem.of(
                  "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters")));
    }
    NewSigningRequest validated = SubmissionValidator.validate(submission);
    PolicySummary policy = access.check(submitter, validated);
    String policyName = validated.project() + "/" + policy.name();
    if (submission.identityToken() == null && policy.requiresVerifiedOrigin()) {
      // policy-service would deny it for want of a verified origin; say so now, not after the
      // request has gone through the pipeline.
      throw new InvalidIdentityTokenException(missingTokenReason(policyName, policy));
    }
    // A verified token replaces whatever origin the request declares; the token is dropped here.
    NewSigningRequest submitted =
        submission.identityToken() == null
            ? validated
            : validated.withOrigin(
                tokens.verify(submission.identityToken(), policyName, policy.trustedIssuers()));
    NewSigningRequest request = resolver.resolve(submitted);
    SigningRequestRow row =
        service.submit(
            submitted,
            request,
            new RequestSubmitter(
                SubmitterKind.CI_TOKEN,
                submitter.name(),
                http.getRemoteAddress().getAddress().getHostAddress()),
            idempotencyKey);
    RequestStatusView view = view(row);
    return HttpResponse.accepted(URI.create(view.location())).body(view);
  }

  @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<RequestStatusView> status(
      @Nullable @Header("Authorization") String authorization, @PathVariable String id) {
    CiSubmitter submitter = authenticator.authenticate(authorization);
    UUID requestId = parseId(id);
    // Requests of other projects are as invisible as ones that do not exist.
    return service
        .find(requestId)
        .filter(row -> row.project().equals(submitter.project()))
        .map(this::view)
        .<HttpResponse<RequestStatusView>>map(HttpResponse::ok)
        .orElseGet(HttpResponse::notFound);
  }

  private RequestStatusView view(SigningRequestRow row) {
    return RequestStatusView.of(row, service.imagesOf(row.id()), service.outcomesOf(row.id()));
  }

  private static String missingTokenReason(String policyName, PolicySummary policy) {
    String reason = "policy " + policyName + " requires an identity token from one of its issuers";
    return policy.trustedIssuers().isEmpty()
        ? reason + ", and trusts none"
        : reason + ": " + policy.trustedIssuers().stream().map(TrustedIssuer::issuer).toList();
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          List.of(Problem.FieldProblem.of("id", "must be a request id (UUID)")));
    }
  }
}
