package dev.hallmark.audit.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import java.util.Optional;
import java.util.Set;

/**
 * Answers 401 (problem details and the RFC 6750 challenge) to audit API callers without a reader
 * token ({@link AuditReaders}), before any route runs: one gate for entries, export, stream,
 * proofs, verification and making checkpoints. The audit key's public key and the latest signed
 * checkpoint stay open: a signed tree head is meant to be shown to anyone who wants to hold the log
 * to it, and neither reveals an entry.
 */
@ServerFilter({"/api/v1/audit", "/api/v1/audit/**"})
final class AuditAccessFilter {
  static final Set<String> OPEN_PATHS =
      Set.of("/api/v1/audit/public-key", "/api/v1/audit/checkpoints/latest");

  private final AuditReaders readers;
  private final ErrorResponseProcessor<?> problems;

  AuditAccessFilter(AuditReaders readers, ErrorResponseProcessor<?> problems) {
    this.readers = readers;
    this.problems = problems;
  }

  /**
   * @return null to let the request through, or the 401 answer
   */
  @RequestFilter
  @Nullable
  HttpResponse<?> requireReader(HttpRequest<?> request) {
    if (readers.open() || isOpen(request)) {
      return null;
    }
    Optional<String> refusal = readers.refusal(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    if (refusal.isEmpty()) {
      return null;
    }
    return problems
        .processResponse(
            ErrorContext.builder(request).errorMessage(refusal.get()).build(),
            HttpResponse.status(HttpStatus.UNAUTHORIZED))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hallmark\"");
  }

  private static boolean isOpen(HttpRequest<?> request) {
    return request.getMethod() == HttpMethod.GET && OPEN_PATHS.contains(request.getPath());
  }
}
