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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders every error the server produces (its own: malformed JSON, unknown properties, missing
 * body, 404, 405, 415; and ours) as RFC 9457 problem details, so clients see one error format.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {
  private static final Pattern UNKNOWN_PROPERTY =
      Pattern.compile("Unknown property \\[([^\\]]+)\\]");

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    List<FieldProblem> fields =
        context.getRootCause().orElse(null) instanceof InvalidRequestException invalid
            ? invalid.problems()
            : context.getErrors().stream().flatMap(error -> fieldOf(error).stream()).toList();
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

  /**
   * The JSON field an error of the framework is about. The framework names the Java argument
   * ({@code /submission}) rather than the JSON property, so the property is taken from the
   * deserializer's message where it names one.
   */
  static Optional<FieldProblem> fieldOf(Error error) {
    Matcher unknown = UNKNOWN_PROPERTY.matcher(error.getMessage());
    if (unknown.find()) {
      return Optional.of(FieldProblem.of(unknown.group(1), "unknown property"));
    }
    return error
        .getPath()
        .filter(path -> !path.startsWith("/"))
        .map(path -> FieldProblem.of(path, error.getMessage()));
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
