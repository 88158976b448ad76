package dev.hallmark.intake.api;

import dev.hallmark.intake.origin.InvalidIdentityTokenException;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * An identity token that does not verify: 422, because the request is well-formed but its token is
 * unacceptable (expired, wrong audience, unknown key). The problem names field {@code
 * identityToken} and what failed; the token itself is never repeated.
 */
@Singleton
final class InvalidIdentityTokenHandler
    implements ExceptionHandler<InvalidIdentityTokenException, HttpResponse<?>> {
  static final String FIELD = "identityToken";
  private final ErrorResponseProcessor<?> processor;

  InvalidIdentityTokenHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, InvalidIdentityTokenException exception) {
    // The problem renderer takes field errors from an InvalidRequestException cause.
    InvalidRequestException fields =
        new InvalidRequestException(List.of(FieldProblem.of(FIELD, exception.getMessage())));
    return processor.processResponse(
        ErrorContext.builder(request).cause(fields).errorMessage(exception.getMessage()).build(),
        HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY));
  }
}
