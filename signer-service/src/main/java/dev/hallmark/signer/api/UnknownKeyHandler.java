package dev.hallmark.signer.api;

import dev.hallmark.signer.keys.UnknownKeyException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Answers an unknown key id with 404 problem details (rendered by service-runtime). */
@Singleton
final class UnknownKeyHandler implements ExceptionHandler<UnknownKeyException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  UnknownKeyHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, UnknownKeyException exception) {
    return processor.processResponse(
        ErrorContext.builder(request)
            .cause(exception)
            .errorMessage("no signing key '" + exception.keyId() + "'")
            .build(),
        HttpResponse.notFound());
  }
}
