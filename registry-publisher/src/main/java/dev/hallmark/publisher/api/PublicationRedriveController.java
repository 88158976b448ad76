package dev.hallmark.publisher.api;

import dev.hallmark.publisher.publication.PublicationRedrive;
import dev.hallmark.publisher.publication.PublicationRedrive.RedriveRefusedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * {@code POST /api/v1/publications/{requestId}/redrive}: publishes a FAILED request's signatures
 * again (202). 401 without the admin token, 404 for a request with no publication here, 409 when
 * none of its publications is FAILED (pending, published, or re-driven already). Database work, so
 * it runs on the blocking executor, never on the event loop.
 */
@Controller("/api/v1/publications")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PublicationRedriveController {
  private final OperatorAuthenticator operators;
  private final PublicationRedrive redrive;

  PublicationRedriveController(OperatorAuthenticator operators, PublicationRedrive redrive) {
    this.operators = operators;
    this.redrive = redrive;
  }

  /** The answer to a re-drive: how many publications are pending again. */
  @Serdeable
  record Redriven(UUID requestId, int publications) {}

  @Post(value = "/{requestId}/redrive", produces = MediaType.APPLICATION_JSON)
  HttpResponse<Redriven> redrive(
      @PathVariable UUID requestId,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    String operator = operators.authenticate(authorization);
    try {
      return HttpResponse.accepted()
          .body(new Redriven(requestId, redrive.redrive(requestId, operator)));
    } catch (RedriveRefusedException e) {
      throw new HttpStatusException(
          e.unknown() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
    }
  }
}
