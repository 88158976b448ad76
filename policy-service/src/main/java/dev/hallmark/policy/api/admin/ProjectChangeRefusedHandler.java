package dev.hallmark.policy.api.admin;

import dev.hallmark.policy.store.ProjectChangeRefusedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A refused change as problem details: 409 for a project the file owns, 412 for a stale {@code
 * If-Match} revision, 404 for a project that does not exist.
 */
@Singleton
final class ProjectChangeRefusedHandler
    implements ExceptionHandler<ProjectChangeRefusedException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  ProjectChangeRefusedHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ProjectChangeRefusedException exception) {
    HttpStatus status =
        switch (exception.kind()) {
          case MANAGED_BY_FILE -> HttpStatus.CONFLICT;
          case REVISION_MISMATCH -> HttpStatus.PRECONDITION_FAILED;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
        HttpResponse.status(status));
  }
}
