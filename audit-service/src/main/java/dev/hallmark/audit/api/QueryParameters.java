package dev.hallmark.audit.api;

import io.micronaut.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's query parameters with all their values, as {@link AuditParameters} reads them. */
final class QueryParameters {
  private QueryParameters() {}

  static Map<String, List<String>> of(HttpRequest<?> request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String name : request.getParameters().names()) {
      parameters.put(name, List.copyOf(request.getParameters().getAll(name)));
    }
    return parameters;
  }
}
