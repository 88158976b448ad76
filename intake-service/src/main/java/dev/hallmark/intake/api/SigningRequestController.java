package dev.hallmark.intake.api;

import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.intake.request.SigningRequestRow;
import dev.hallmark.intake.request.SigningRequestService;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** CI-facing API: submit a signing request and follow its status. */
@Controller("/api/v1/signing-requests")
final class SigningRequestController {
  /** Until CI tokens arrive (issue 4) every request is recorded as coming from this submitter. */
  static final String UNAUTHENTICATED = "unauthenticated";

  private final SigningRequestService service;

  SigningRequestController(SigningRequestService service) {
    this.service = service;
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  HttpResponse<RequestStatusView> submit(@Body SigningRequestSubmission submission) {
    NewSigningRequest request = SubmissionValidator.validate(submission);
    SigningRequestRow row = service.submit(request, UNAUTHENTICATED);
    RequestStatusView view = RequestStatusView.of(row);
    return HttpResponse.accepted(URI.create(view.location())).body(view);
  }

  @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<RequestStatusView> status(@PathVariable String id) {
    UUID requestId = parseId(id);
    return service
        .find(requestId)
        .map(RequestStatusView::of)
        .<HttpResponse<RequestStatusView>>map(HttpResponse::ok)
        .orElseGet(HttpResponse::notFound);
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          List.of(Problem.FieldProblem.of("id", "must be a request id (UUID)")));
    }
  }

  /** What a client sees of a request. */
  @Serdeable
  record RequestStatusView(
      String id,
      String status,
      String project,
      String signingPolicy,
      Instant createdAt,
      String location) {
    static RequestStatusView of(SigningRequestRow row) {
      return new RequestStatusView(
          row.id().toString(),
          row.status(),
          row.project(),
          row.signingPolicy(),
          row.createdAt(),
          "/api/v1/signing-requests/" + row.id());
    }
  }
}
