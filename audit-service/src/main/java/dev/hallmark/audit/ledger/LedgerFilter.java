package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which entries a query of the ledger wants: every condition given must hold (AND); a null one does
 * not filter. Values are already checked and in the ledger's spelling (see the audit API).
 *
 * @param repository a repository path ({@code demo/app}) or full name ({@code
 *     registry.example:5000/demo/app}); matches an entry naming an image with that path or name
 * @param digest {@code sha256:<64 hex>}; matches an entry naming it among its digests
 * @param from entries recorded at or after this instant
 * @param to entries recorded before this instant
 */
public record LedgerFilter(
    @Nullable String requestId,
    @Nullable String repository,
    @Nullable String digest,
    @Nullable String actor,
    @Nullable String method,
    @Nullable String outcome,
    @Nullable String project,
    @Nullable Instant from,
    @Nullable Instant to) {

  public static final LedgerFilter NONE =
      new LedgerFilter(null, null, null, null, null, null, null, null, null);

  /**
   * The conditions given, by their API parameter names, in a fixed order: what a cursor is bound to
   * and what a next-page link repeats.
   */
  public Map<String, String> asParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    put(parameters, "requestId", requestId);
    put(parameters, "repository", repository);
    put(parameters, "digest", digest);
    put(parameters, "actor", actor);
    put(parameters, "method", method);
    put(parameters, "outcome", outcome);
    put(parameters, "project", project);
    put(parameters, "from", from == null ? null : from.toString());
    put(parameters, "to", to == null ? null : to.toString());
    return parameters;
  }

  private static void put(Map<String, String> parameters, String name, @Nullable String value) {
    if (value != null) {
      parameters.put(name, value);
    }
  }
}
