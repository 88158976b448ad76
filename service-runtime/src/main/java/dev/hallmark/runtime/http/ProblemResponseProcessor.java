package dev.hallmark.runtime.http;

import dev.hallmark.runtime.http.Problem.FieldProblem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders every error the server produces (its own: malformed JSON, unknown properties, missing
 * body, 404, 405, 415; and ours) as RFC 9457 problem details, so clients see one error format.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    List<FieldProblem> fields =
        context.getRootCause().orElse(null) instanceof InvalidRequestException invalid
            ? invalid.problems()
            : context.getErrors().stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> FieldProblem.of(error.getPath().get(), error.getMessage()))
                .toList();
    Problem problem =
        new Problem(
            "about:blank",
            status.getReason(),
            status.getCode(),
            detail(context, fields),
            context.getRequest().getPath(),
            fields);
    return response.body(problem).contentType(Problem.MEDIA_TYPE);
  }

  private static String detail(ErrorContext context, List<FieldProblem> fields) {
    if (!fields.isEmpty()) {
      return fields.size() == 1
          ? fields.get(0).field() + ": " + fields.get(0).detail()
          : fields.size() + " fields are invalid, see errors";
    }
    return context.getErrors().stream().map(Error::getMessage).findFirst().orElse(null);
  }
}
