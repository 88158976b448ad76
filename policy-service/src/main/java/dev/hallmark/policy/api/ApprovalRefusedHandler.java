package dev.hallmark.policy.api;

import dev.hallmark.policy.approval.ApprovalRefusedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A verdict that was not recorded, as problem details: 404 for a request the approver cannot see,
 * 403 for one they may not decide on, 409 for one they decided on before or that is settled.
 */
@Singleton
final class ApprovalRefusedHandler
    implements ExceptionHandler<ApprovalRefusedException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  ApprovalRefusedHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ApprovalRefusedException exception) {
    HttpStatus status =
        switch (exception.refusal()) {
          case UNKNOWN_REQUEST -> HttpStatus.NOT_FOUND;
          case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
        HttpResponse.status(status));
  }
}
