package dev.hallmark.runtime.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** 401 problem details with the challenge RFC 6750 asks for. */
@Singleton
final class NotAuthenticatedHandler
    implements ExceptionHandler<NotAuthenticatedException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  NotAuthenticatedHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, NotAuthenticatedException exception) {
    return processor
        .processResponse(
            ErrorContext.builder(request)
                .cause(exception)
                .errorMessage(exception.getMessage())
                .build(),
            HttpResponse.status(HttpStatus.UNAUTHORIZED))
        .header("WWW-Authenticate", "Bearer realm=\"hallmark\"");
  }
}
