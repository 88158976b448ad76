package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerFilter;
import dev.hallmark.events.AuditOutcome;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.runtime.http.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and checks the query parameters of the audit API's entry endpoints. Every problem is
 * collected and answered at once, 400 naming each parameter; so is a parameter the endpoint does
 * not know, because a misspelt filter that was ignored would silently widen an audit query.
 */
final class AuditParameters {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  static final int MAX_TEXT = 500;

  static final List<String> FILTERS =
      List.of(
          "requestId",
          "repository",
          "digest",
          "actor",
          "method",
          "outcome",
          "project",
          "from",
          "to");

  /** What each endpoint accepts. */
  enum Endpoint {
    PAGE("after", "limit", "cursor"),
    EXPORT("after"),
    STREAM("after");

    private final Set<String> names;

    Endpoint(String... positions) {
      this.names =
          Stream.concat(FILTERS.stream(), Arrays.stream(positions))
              .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  // A repository as a verifier pulls it: an optional registry host (and port), then the path's
  // components (distribution's grammar); no tag, no digest.
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*");
  static final Set<String> METHODS = symbols(SigningMethod.values());
  static final Set<String> OUTCOMES =
      union(symbols(DecisionOutcome.values()), symbols(AuditOutcome.values()));

  private final Map<String, List<String>> parameters;
  private final FieldErrors errors = new FieldErrors();

  private AuditParameters(Map<String, List<String>> parameters) {
    this.parameters = parameters;
  }

  /**
   * @param parameters the request's query parameters, each with all its values
   * @throws dev.hallmark.runtime.http.InvalidRequestException naming every bad parameter
   */
  static AuditQuery parse(
      Map<String, List<String>> parameters, Endpoint endpoint, AuditCursors cursors) {
    return new AuditParameters(parameters).parse(endpoint, cursors);
  }

  private AuditQuery parse(Endpoint endpoint, AuditCursors cursors) {
    for (String name : new TreeSet<>(parameters.keySet())) {
      if (!endpoint.names.contains(name)) {
        errors.add(name, "is not a parameter of this endpoint; it takes " + endpoint.names);
      } else if (parameters.get(name).size() > 1) {
        errors.add(name, "must be given once (filters combine with AND, one value each)");
      }
    }
    Instant from = instant("from");
    Instant to = instant("to");
    if (from != null && to != null && from.isAfter(to)) {
      errors.add("from", "must not be after to (" + to + ")");
    }
    LedgerFilter filter =
        new LedgerFilter(
            text("requestId"),
            matching(
                "repository",
                REPOSITORY,
                "must be a repository such as demo/app or"
                    + " registry.example:5000/demo/app, without tag or digest"),
            matching("digest", DIGEST, "must be sha256:<64 lower-case hex>"),
            text("actor"),
            symbol("method", METHODS),
            symbol("outcome", OUTCOMES),
            text("project"),
            from,
            to);
    Long after = number("after", -1, Long.MAX_VALUE);
    Long limit = number("limit", 1, MAX_LIMIT);
    String cursor = value("cursor");
    if (cursor != null && after != null) {
      errors.add("cursor", "give either cursor or after, not both");
    } else if (cursor != null && errors.isEmpty()) {
      try {
        after = cursors.decode(cursor, filter);
      } catch (AuditCursors.InvalidCursorException e) {
        errors.add("cursor", e.getMessage());
      }
    }
    errors.throwIfAny();
    return new AuditQuery(filter, after, limit == null ? DEFAULT_LIMIT : limit.intValue());
  }

  @Nullable
  private String value(String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Nullable
  private String text(String name) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(c -> c < 0x20)) {
      errors.add(
          name, "must be 1 to " + MAX_TEXT + " characters, not blank, no control characters");
      return null;
    }
    return value;
  }

  @Nullable
  private String matching(String name, Pattern pattern, String rule) {
    String value = value(name);
    if (value != null && !pattern.matcher(value).matches()) {
      errors.add(name, rule);
      return null;
    }
    return value;
  }

  /** One of the ledger's symbols, in any case ({@code cosign} is {@code COSIGN}). */
  @Nullable
  private String symbol(String name, Set<String> symbols) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    String symbol = value.toUpperCase(Locale.ROOT);
    if (!symbols.contains(symbol)) {
      errors.add(name, "must be one of " + symbols);
      return null;
    }
    return symbol;
  }

  /** RFC 3339: a date, a time and an offset ({@code 2026-11-24T10:00:00Z}, {@code …+01:00}). */
  @Nullable
  private Instant instant(String name) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(name, "must be an RFC 3339 time with an offset, e.g. 2026-11-24T10:00:00Z");
      return null;
    }
  }

  @Nullable
  private Long number(String name, long min, long max) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    errors.add(
        name,
        max == Long.MAX_VALUE
            ? "must be a whole number, at least " + min
            : "must be a whole number from " + min + " to " + max);
    return null;
  }

  private static Set<String> symbols(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> both = new TreeSet<>(first);
    both.addAll(second);
    return both;
  }
}
