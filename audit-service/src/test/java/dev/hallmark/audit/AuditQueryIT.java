package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.EventSource;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/audit}'s filters, alone and combined, its cursor pages while entries are
 * appended, and the JSON Lines export, against the real PostgreSQL; entries appended as if
 * consumed. A database of its own, so that the entries of other test classes do not interleave;
 * every filter value is unique to this run (the service's consumer may still append events other
 * test classes publish).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditQueryIT implements TestPropertyProvider {
  static final Argument<List<Map<String, Object>>> ENTRIES =
      Argument.listOf(Argument.mapOf(String.class, Object.class));
  static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
  static final AtomicLong OFFSETS = new AtomicLong();
  static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "query");
  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String project = "q-" + run;
  final String registry = "registry.test:5000";
  final String app = "q" + run + "/app";
  final String lib = "q" + run + "/lib";
  final String firstRequest = UUID.randomUUID().toString();
  final String secondRequest = UUID.randomUUID().toString();
  final String appDigest = digest();
  final String otherAppDigest = digest();
  final String libDigest = digest();

  @Inject LedgerAppender appender;
  @Inject JsonMapper json;

  @Inject
  @Client("/")
  HttpClient http;

  /** The fixture entries by name: their seqs. */
  final Map<String, Long> seqs = new LinkedHashMap<>();

  Instant secondBatchRecordedAt;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(AuditServiceProperties.of(infra, jdbcUrl));
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    return properties;
  }

  @BeforeAll
  void fixture() throws Exception {
    Map<String, Object> appImage = image(registry, app, appDigest);
    Map<String, Object> otherAppImage = image("other.test", app, otherAppDigest);
    Map<String, Object> libImage = image(registry, lib, libDigest);
    append(
        ordered(
            "requested",
            draft(
                "SigningRequested",
                firstRequest,
                Map.of(
                    "project",
                    project,
                    "images",
                    List.of(appImage),
                    "digests",
                    List.of(appDigest))),
            "approved",
            draft(
                "PolicyDecision",
                firstRequest,
                Map.of(
                    "project",
                    project,
                    "outcome",
                    "APPROVED",
                    "images",
                    List.of(appImage),
                    "digests",
                    List.of(appDigest))),
            "signed",
            draft(
                "SignatureCreated",
                firstRequest,
                Map.of("image", appImage, "method", "COSIGN", "digests", List.of(appDigest))),
            "published",
            draft(
                "SignaturePublished",
                firstRequest,
                Map.of("image", appImage, "method", "NOTARY", "digests", List.of(appDigest)))));
    // A later batch, recorded later: the time range splits the fixture between them.
    Thread.sleep(20);
    append(
        ordered(
            "requested2",
            draft(
                "SigningRequested",
                secondRequest,
                Map.of(
                    "project",
                    project,
                    "images",
                    List.of(otherAppImage, libImage),
                    "digests",
                    List.of(otherAppDigest, libDigest))),
            "denied",
            draft(
                "PolicyDecision",
                secondRequest,
                Map.of(
                    "project",
                    project,
                    "outcome",
                    "DENIED",
                    "images",
                    List.of(otherAppImage, libImage),
                    "digests",
                    List.of(otherAppDigest, libDigest))),
            "aliceChange",
            draft("ProjectCatalogued", null, Map.of("project", project, "actor", "alice-" + run)),
            "bobChange",
            draft("ProjectCatalogued", null, Map.of("project", project, "actor", "bob-" + run))));
  }

  @Test
  void eachFilterAlone_givesExactlyTheMatchingEntriesInSeqOrder() {
    assertThat(names("requestId=" + firstRequest))
        .containsExactly("requested", "approved", "signed", "published");
    assertThat(names("repository=" + app))
        .containsExactly("requested", "approved", "signed", "published", "requested2", "denied");
    assertThat(names("repository=" + encode(registry + "/" + app)))
        .containsExactly("requested", "approved", "signed", "published");
    assertThat(names("repository=other.test/" + app)).containsExactly("requested2", "denied");
    assertThat(names("repository=" + encode(registry + "/" + lib)))
        .containsExactly("requested2", "denied");
    assertThat(names("digest=" + libDigest)).containsExactly("requested2", "denied");
    assertThat(names("digest=" + appDigest))
        .containsExactly("requested", "approved", "signed", "published");
    assertThat(names("actor=alice-" + run)).containsExactly("aliceChange");
    assertThat(names("project=" + project))
        .containsExactly(
            "requested", "approved", "requested2", "denied", "aliceChange", "bobChange");
    assertThat(names("outcome=DENIED&project=" + project)).containsExactly("denied");
    assertThat(names("from=" + secondBatchRecordedAt + "&project=" + project))
        .containsExactly("requested2", "denied", "aliceChange", "bobChange");
  }

  @Test
  void methodAndOutcome_matchTheLedgersSymbolsInAnyCase() {
    assertThat(names("method=cosign&digest=" + appDigest)).containsExactly("signed");
    assertThat(names("method=NOTARY&digest=" + appDigest)).containsExactly("published");
    assertThat(names("outcome=approved&requestId=" + firstRequest)).containsExactly("approved");
  }

  @Test
  void filtersCombined_mustAllHold() {
    assertThat(names("project=" + project + "&outcome=APPROVED")).containsExactly("approved");
    assertThat(names("requestId=" + firstRequest + "&method=COSIGN")).containsExactly("signed");
    assertThat(names("repository=" + app + "&digest=" + otherAppDigest))
        .containsExactly("requested2", "denied");
    assertThat(names("requestId=" + firstRequest + "&outcome=DENIED")).isEmpty();
    assertThat(names("actor=alice-" + run + "&project=other")).isEmpty();
    assertThat(names("to=" + secondBatchRecordedAt + "&repository=" + app))
        .containsExactly("requested", "approved", "signed", "published");
    assertThat(
            names(
                "from="
                    + secondBatchRecordedAt
                    + "&to="
                    + secondBatchRecordedAt.plusSeconds(3600)
                    + "&repository="
                    + app))
        .containsExactly("requested2", "denied");
  }

  @Test
  void pages_walkedWhileEntriesAreAppended_haveNoGapAndNoDuplicate() throws Exception {
    String paged = "paged-" + run;
    appender.append(TestEntries.drafts(120, paged));
    Thread appending =
        new Thread(
            () -> {
              for (int i = 0; i < 20; i++) {
                appender.append(TestEntries.drafts(5, paged));
              }
            });
    appending.start();
    List<Long> walked = new ArrayList<>();
    int pages = 0;
    String next = "/api/v1/audit?project=" + paged + "&limit=13";
    while (next != null) {
      HttpResponse<List<Map<String, Object>>> page =
          http.toBlocking().exchange(HttpRequest.GET(next), ENTRIES);
      pages++;
      List<Map<String, Object>> entries = page.body();
      assertThat(entries.size()).isLessThanOrEqualTo(13);
      entries.forEach(entry -> walked.add(number(entry, "seq")));
      next = page.header("Link") == null ? null : nextLink(page.header("Link"));
      if (next != null) {
        assertThat(entries).hasSize(13);
        assertThat(page.header("Hallmark-Next-Cursor")).isNotBlank();
        assertThat(next).contains("cursor=" + page.header("Hallmark-Next-Cursor"));
      }
    }
    appending.join(120_000);

    List<Long> all = seqsOf(export("project=" + paged));
    assertThat(all).hasSize(220);
    assertThat(walked)
        .as("a prefix of every entry, each once")
        .isEqualTo(all.subList(0, walked.size()));
    assertThat(walked.size()).isGreaterThanOrEqualTo(120);
    assertThat(pages).isGreaterThanOrEqualTo(10);
    // Following the walk's last page again later gives what was appended since.
    List<Long> rest =
        seqsOf(
            http.toBlocking()
                .retrieve(
                    HttpRequest.GET(
                        "/api/v1/audit?project="
                            + paged
                            + "&limit=500&after="
                            + walked.get(walked.size() - 1)),
                    ENTRIES));
    assertThat(walked.size() + rest.size()).isEqualTo(220);
  }

  @Test
  void export_linesEqualThePagedEntries_andTheirLeavesDecode() throws Exception {
    String exported = "export-" + run;
    appender.append(TestEntries.drafts(23, exported));
    List<Map<String, Object>> paged = new ArrayList<>();
    String next = "/api/v1/audit?project=" + exported + "&limit=10";
    while (next != null) {
      HttpResponse<List<Map<String, Object>>> page =
          http.toBlocking().exchange(HttpRequest.GET(next), ENTRIES);
      paged.addAll(page.body());
      next = page.header("Link") == null ? null : nextLink(page.header("Link"));
    }

    HttpResponse<String> response =
        http.toBlocking()
            .exchange(HttpRequest.GET("/api/v1/audit/export?project=" + exported), String.class);
    List<Map<String, Object>> lines = parseLines(response.body());

    assertThat(response.getContentType().map(Object::toString)).hasValue("application/x-ndjson");
    assertThat(response.header("Content-Disposition"))
        .matches("attachment; filename=\"hallmark-audit-filtered-to-[0-9]+\\.jsonl\"");
    assertThat(response.body()).endsWith("\n");
    assertThat(paged).hasSize(23);
    assertThat(lines).hasSize(23);
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> line = new HashMap<>(lines.get(i));
      byte[] leaf = Base64.getDecoder().decode((String) line.remove("leaf"));
      assertThat(line).isEqualTo(paged.get(i));
      LedgerEntry entry = LedgerEntry.fromLeaf(leaf);
      assertThat(entry.seq()).isEqualTo(number(line, "seq"));
      assertThat(entry.eventId()).isEqualTo(line.get("eventId"));
      assertThat(entry.details()).containsEntry("project", exported);
    }
    // The leaf is the one an inclusion proof is for.
    Map<String, Object> checkpoint =
        http.toBlocking().retrieve(HttpRequest.POST("/api/v1/audit/checkpoints", ""), JSON);
    long seq = number(lines.get(5), "seq");
    Map<String, Object> proof =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET(
                    "/api/v1/audit/entries/"
                        + seq
                        + "/inclusion-proof?treeSize="
                        + number(checkpoint, "treeSize")),
                JSON);
    assertThat(proof.get("leaf")).isEqualTo(lines.get(5).get("leaf"));
  }

  @Test
  void export_ofManyEntries_isStreamedCompleteInSeqOrder() throws Exception {
    String many = "many-" + run;
    for (int i = 0; i < 3; i++) {
      appender.append(TestEntries.drafts(400, many));
    }

    List<Long> seqs = seqsOf(export("project=" + many));

    assertThat(seqs).hasSize(1200).isSorted().doesNotHaveDuplicates();
    assertThat(seqsOf(export("project=" + many + "&after=" + seqs.get(599))))
        .isEqualTo(seqs.subList(600, 1200));
  }

  @Test
  void badParameters_answer400ProblemJsonNamingTheParameter() {
    String cursorOfAnotherQuery = cursor("project=" + project + "&limit=1");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("/api/v1/audit?digest=sha256:abc", "digest");
    cases.put("/api/v1/audit?outcome=MAYBE", "outcome");
    cases.put("/api/v1/audit?method=pgp", "method");
    cases.put("/api/v1/audit?from=yesterday", "from");
    cases.put("/api/v1/audit?to=2026-11-24T10:00:00", "to");
    cases.put("/api/v1/audit?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z", "from");
    cases.put("/api/v1/audit?limit=0", "limit");
    cases.put("/api/v1/audit?limit=501", "limit");
    cases.put("/api/v1/audit?limit=many", "limit");
    cases.put("/api/v1/audit?after=-5", "after");
    cases.put("/api/v1/audit?repository=demo/app:1.0", "repository");
    cases.put("/api/v1/audit?requestId=%20", "requestId");
    cases.put("/api/v1/audit?projekt=demo", "projekt");
    cases.put("/api/v1/audit?cursor=not-a-cursor", "cursor");
    cases.put("/api/v1/audit?cursor=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor");
    cases.put("/api/v1/audit?project=other&cursor=" + cursorOfAnotherQuery, "cursor");
    cases.put("/api/v1/audit/export?digest=sha256:abc", "digest");
    cases.put("/api/v1/audit/export?limit=10", "limit");
    cases.put("/api/v1/audit/stream?outcome=MAYBE", "outcome");
    cases.put("/api/v1/audit/stream?after=x", "after");
    cases.forEach(
        (uri, field) -> assertThat(badRequestField(HttpRequest.GET(uri))).isEqualTo(field));
    assertThat(
            badRequestField(HttpRequest.GET("/api/v1/audit/stream").header("Last-Event-ID", "x")))
        .isEqualTo("Last-Event-ID");
  }

  // --- helpers

  private void append(Map<String, EntryDraft> drafts) {
    List<String> names = List.copyOf(drafts.keySet());
    List<LedgerEntry> entries = appender.append(names.stream().map(drafts::get).toList());
    for (int i = 0; i < names.size(); i++) {
      seqs.put(names.get(i), entries.get(i).seq());
    }
    if (names.contains("denied")) {
      secondBatchRecordedAt = entries.get(0).recordedAt();
    }
  }

  private static Map<String, EntryDraft> ordered(Object... namesAndDrafts) {
    Map<String, EntryDraft> drafts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndDrafts.length; i += 2) {
      drafts.put((String) namesAndDrafts[i], (EntryDraft) namesAndDrafts[i + 1]);
    }
    return drafts;
  }

  /** The fixture names of the entries a query gives, in the order it gives them. */
  private List<String> names(String query) {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> entry :
        http.toBlocking().retrieve(HttpRequest.GET("/api/v1/audit?" + query), ENTRIES)) {
      long seq = number(entry, "seq");
      seqs.forEach(
          (name, fixtureSeq) -> {
            if (fixtureSeq == seq) {
              names.add(name);
            }
          });
    }
    return names;
  }

  private String cursor(String query) {
    return http.toBlocking()
        .exchange(HttpRequest.GET("/api/v1/audit?" + query), ENTRIES)
        .header("Hallmark-Next-Cursor");
  }

  private List<Map<String, Object>> export(String query) throws IOException {
    return parseLines(
        http.toBlocking().retrieve(HttpRequest.GET("/api/v1/audit/export?" + query), String.class));
  }

  private List<Map<String, Object>> parseLines(String body) throws IOException {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(json.readValue(line, JSON));
      }
    }
    return lines;
  }

  private String badRequestField(HttpRequest<?> request) {
    HttpClientResponseException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            HttpClientResponseException.class,
            () -> http.toBlocking().exchange(request, String.class),
            request.getUri().toString());
    assertThat(refused.code()).as(request.getUri().toString()).isEqualTo(400);
    assertThat(refused.getResponse().getContentType().map(Object::toString))
        .as(request.getUri().toString())
        .hasValue("application/problem+json");
    Map<String, Object> problem = refused.getResponse().getBody(JSON).orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors).as(request.getUri().toString()).hasSize(1);
    return (String) errors.get(0).get("field");
  }

  private static String nextLink(String link) {
    Matcher matcher = NEXT.matcher(link);
    assertThat(matcher.matches()).as(link).isTrue();
    String target = matcher.group(1);
    assertThat(URI.create(target).getPath()).isEqualTo("/api/v1/audit");
    return target;
  }

  private static List<Long> seqsOf(List<Map<String, Object>> entries) {
    return entries.stream().map(entry -> number(entry, "seq")).toList();
  }

  private static long number(Map<String, Object> json, String name) {
    return ((Number) json.get(name)).longValue();
  }

  static EntryDraft draft(String eventType, String requestId, Map<String, Object> details) {
    return new EntryDraft(
        UUID.randomUUID().toString(),
        eventType,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        requestId,
        new EventSource("hallmark.query-test.v1", 0, OFFSETS.incrementAndGet()),
        details);
  }

  static Map<String, Object> image(String registry, String repository, String digest) {
    return Map.of(
        "registry", registry, "repository", repository, "digest", digest, "tags", List.of("1.0"));
  }

  static String digest() {
    return "sha256:" + UUID.randomUUID().toString().replace("-", "").repeat(2);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
