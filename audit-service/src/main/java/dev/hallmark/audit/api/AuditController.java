package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerQueries;
import dev.hallmark.audit.ledger.LedgerRow;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ledger's entries, filtered, a page at a time: a JSON array, oldest first; the next page's
 * address in an RFC 8288 {@code Link: <…>; rel="next"} header and its cursor alone in {@value
 * #NEXT_CURSOR}, both only while more entries match.
 */
@Controller("/api/v1/audit")
final class AuditController {
  static final String PATH = "/api/v1/audit";
  static final String NEXT_CURSOR = "Hallmark-Next-Cursor";
  private final LedgerQueries entries;
  private final AuditCursors cursors;

  AuditController(LedgerQueries entries, AuditCursors cursors) {
    this.entries = entries;
    this.cursors = cursors;
  }

  /**
   * Entries matching every filter given ({@code requestId}, {@code repository}, {@code digest},
   * {@code actor}, {@code method}, {@code outcome}, {@code project}, {@code from}, {@code to}),
   * after {@code after} or {@code cursor}, at most {@code limit} (default {@value
   * AuditParameters#DEFAULT_LIMIT}, at most {@value AuditParameters#MAX_LIMIT}).
   */
  @Get(produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<List<AuditEntryView>> list(HttpRequest<?> request) {
    AuditQuery query =
        AuditParameters.parse(QueryParameters.of(request), AuditParameters.Endpoint.PAGE, cursors);
    long after = query.afterSeq() == null ? -1 : query.afterSeq();
    // One more than a page: whether a next page exists, without counting.
    List<LedgerRow> rows = entries.find(query.filter(), after, Long.MAX_VALUE, query.limit() + 1);
    List<LedgerRow> page = rows.subList(0, Math.min(rows.size(), query.limit()));
    MutableHttpResponse<List<AuditEntryView>> response =
        HttpResponse.ok(page.stream().map(AuditEntryView::of).toList());
    if (rows.size() > query.limit()) {
      String cursor = cursors.encode(page.get(page.size() - 1).seq(), query.filter());
      response.header(HttpHeaders.LINK, "<" + nextPage(query, cursor) + ">; rel=\"next\"");
      response.header(NEXT_CURSOR, cursor);
    }
    return response;
  }

  /**
   * The same query's next page: its filters (as checked, so in the ledger's spelling), limit,
   * cursor.
   */
  private static String nextPage(AuditQuery query, String cursor) {
    Map<String, String> parameters = new LinkedHashMap<>(query.filter().asParameters());
    parameters.put("limit", String.valueOf(query.limit()));
    parameters.put("cursor", cursor);
    return PATH
        + "?"
        + parameters.entrySet().stream()
            .map(parameter -> parameter.getKey() + "=" + encoded(parameter.getValue()))
            .collect(Collectors.joining("&"));
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
