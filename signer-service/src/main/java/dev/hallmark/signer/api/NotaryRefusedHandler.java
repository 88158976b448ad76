package dev.hallmark.signer.api;

import dev.hallmark.runtime.http.Problem;
import dev.hallmark.signer.notary.NotaryRefusedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers a refused Notary signing with problem details carrying its {@code problem} code (and the
 * unapproved {@code changes}), which service-runtime's {@link Problem} has no member for.
 */
@Singleton
final class NotaryRefusedHandler
    implements ExceptionHandler<NotaryRefusedException, HttpResponse<?>> {

  @Override
  public HttpResponse<?> handle(HttpRequest request, NotaryRefusedException exception) {
    HttpStatus status = HttpStatus.valueOf(exception.status());
    NotaryProblem body =
        new NotaryProblem(
            "about:blank",
            status.getReason(),
            status.getCode(),
            exception.getMessage(),
            request.getPath(),
            exception.problem(),
            exception.changes().isEmpty() ? null : exception.changes());
    return HttpResponse.status(status).body(body).contentType(Problem.MEDIA_TYPE);
  }
}
