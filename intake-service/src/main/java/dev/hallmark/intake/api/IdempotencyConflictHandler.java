package dev.hallmark.intake.api;

import dev.hallmark.intake.request.IdempotencyConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A reused Idempotency-Key with a different body: 422, as the IETF idempotency draft says. */
@Singleton
final class IdempotencyConflictHandler
    implements ExceptionHandler<IdempotencyConflictException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  IdempotencyConflictHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, IdempotencyConflictException exception) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
        HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY));
  }
}
