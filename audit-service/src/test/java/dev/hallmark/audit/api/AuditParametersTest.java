package dev.hallmark.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.audit.api.AuditParameters.Endpoint;
import dev.hallmark.audit.ledger.LedgerFilter;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditParametersTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  final AuditCursors cursors = new AuditCursors(new byte[32]);

  @Test
  void parse_everyFilter_givesThemInTheLedgersSpelling() {
    AuditQuery query =
        parse(
            Endpoint.PAGE,
            "requestId",
            "r-1",
            "repository",
            "registry.example:5000/acme/app",
            "digest",
            DIGEST,
            "actor",
            "alice",
            "method",
            "cosign",
            "outcome",
            "denied",
            "project",
            "acme",
            "from",
            "2026-11-24T10:00:00+01:00",
            "to",
            "2026-11-24T10:00:00Z",
            "limit",
            "7",
            "after",
            "41");

    assertThat(query.filter())
        .isEqualTo(
            new LedgerFilter(
                "r-1",
                "registry.example:5000/acme/app",
                DIGEST,
                "alice",
                "COSIGN",
                "DENIED",
                "acme",
                Instant.parse("2026-11-24T09:00:00Z"),
                Instant.parse("2026-11-24T10:00:00Z")));
    assertThat(query.limit()).isEqualTo(7);
    assertThat(query.afterSeq()).isEqualTo(41);
  }

  @Test
  void parse_nothing_givesNoFilterTheDefaultLimitAndNoStart() {
    AuditQuery query = parse(Endpoint.PAGE);

    assertThat(query.filter()).isEqualTo(LedgerFilter.NONE);
    assertThat(query.limit()).isEqualTo(AuditParameters.DEFAULT_LIMIT);
    assertThat(query.afterSeq()).isNull();
  }

  @Test
  void parse_repositoryPathAlone_isAccepted() {
    assertThat(parse(Endpoint.EXPORT, "repository", "demo/app").filter().repository())
        .isEqualTo("demo/app");
    assertThat(parse(Endpoint.EXPORT, "repository", "app").filter().repository()).isEqualTo("app");
    assertThat(parse(Endpoint.EXPORT, "repository", "localhost/a-b/c__d.e").filter().repository())
        .isEqualTo("localhost/a-b/c__d.e");
  }

  @Test
  void parse_cursor_continuesAfterItsSeq() {
    LedgerFilter filter = parse(Endpoint.PAGE, "project", "acme").filter();
    String cursor = cursors.encode(99, filter);

    assertThat(parse(Endpoint.PAGE, "project", "acme", "cursor", cursor).afterSeq()).isEqualTo(99);
    assertThat(fields(Endpoint.PAGE, "project", "other", "cursor", cursor))
        .containsExactly("cursor");
    assertThat(fields(Endpoint.PAGE, "project", "acme", "cursor", cursor, "after", "3"))
        .containsExactly("cursor");
  }

  @Test
  void parse_badValues_nameEachParameter() {
    assertThat(fields(Endpoint.PAGE, "digest", "sha256:ABC")).containsExactly("digest");
    assertThat(fields(Endpoint.PAGE, "digest", "sha256:" + "AB".repeat(32)))
        .containsExactly("digest");
    assertThat(fields(Endpoint.PAGE, "method", "pgp")).containsExactly("method");
    assertThat(fields(Endpoint.PAGE, "outcome", "maybe")).containsExactly("outcome");
    assertThat(fields(Endpoint.PAGE, "from", "yesterday")).containsExactly("from");
    assertThat(fields(Endpoint.PAGE, "to", "2026-11-24T10:00:00")).containsExactly("to");
    assertThat(fields(Endpoint.PAGE, "to", "2026-13-01T00:00:00Z")).containsExactly("to");
    assertThat(fields(Endpoint.PAGE, "from", "2026-11-25T00:00:00Z", "to", "2026-11-24T00:00:00Z"))
        .containsExactly("from");
    assertThat(fields(Endpoint.PAGE, "limit", "0")).containsExactly("limit");
    assertThat(fields(Endpoint.PAGE, "limit", "501")).containsExactly("limit");
    assertThat(fields(Endpoint.PAGE, "limit", "ten")).containsExactly("limit");
    assertThat(fields(Endpoint.PAGE, "after", "-2")).containsExactly("after");
    assertThat(fields(Endpoint.PAGE, "repository", "demo/app:1.0")).containsExactly("repository");
    assertThat(fields(Endpoint.PAGE, "repository", "Demo/App")).containsExactly("repository");
    assertThat(fields(Endpoint.PAGE, "repository", "demo/app@" + DIGEST))
        .containsExactly("repository");
    assertThat(fields(Endpoint.PAGE, "requestId", " ")).containsExactly("requestId");
    assertThat(fields(Endpoint.PAGE, "actor", "a".repeat(501))).containsExactly("actor");
    assertThat(fields(Endpoint.PAGE, "project", "a\nb")).containsExactly("project");
    assertThat(fields(Endpoint.PAGE, "cursor", "!!")).containsExactly("cursor");
  }

  @Test
  void parse_severalProblems_namesThemAll() {
    assertThat(fields(Endpoint.PAGE, "digest", "x", "limit", "0", "outcome", "x"))
        .containsExactlyInAnyOrder("digest", "limit", "outcome");
  }

  @Test
  void parse_unknownOrRepeatedParameter_isRefused() {
    assertThat(fields(Endpoint.PAGE, "projekt", "acme")).containsExactly("projekt");
    assertThat(fields(Endpoint.EXPORT, "limit", "5")).containsExactly("limit");
    assertThat(fields(Endpoint.STREAM, "cursor", "x")).containsExactly("cursor");

    Map<String, List<String>> twice = Map.of("project", List.of("a", "b"));
    InvalidRequestException refused =
        catchThrowableOfType(
            () -> AuditParameters.parse(twice, Endpoint.PAGE, cursors),
            InvalidRequestException.class);
    assertThat(refused.problems()).extracting(FieldProblem::field).containsExactly("project");
  }

  private AuditQuery parse(Endpoint endpoint, String... namesAndValues) {
    return AuditParameters.parse(parameters(namesAndValues), endpoint, cursors);
  }

  private List<String> fields(Endpoint endpoint, String... namesAndValues) {
    InvalidRequestException refused =
        catchThrowableOfType(() -> parse(endpoint, namesAndValues), InvalidRequestException.class);
    assertThat(refused).as("refused: %s", List.of(namesAndValues)).isNotNull();
    return refused.problems().stream().map(FieldProblem::field).toList();
  }

  private static Map<String, List<String>> parameters(String... namesAndValues) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
    }
    return parameters;
  }
}
