package dev.hallmark.runtime.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Maps {@link InvalidRequestException} to 400 problem details. */
@Singleton
public final class InvalidRequestHandler
    implements ExceptionHandler<InvalidRequestException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  InvalidRequestHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, InvalidRequestException exception) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
        HttpResponse.badRequest());
  }
}
