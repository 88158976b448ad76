package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerFilter;
import dev.hallmark.audit.ledger.LedgerQueries;
import dev.hallmark.audit.ledger.LedgerRow;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Every entry matching the filters as JSON Lines, in seq order, with no page limit: the ledger is
 * read {@value #CHUNK} entries per query and each chunk is written before the next is read, so the
 * export takes constant memory however large it is. It ends at the last entry there was when the
 * request came, so that it ends although entries keep being appended.
 */
@Controller("/api/v1/audit")
final class AuditExportController {
  static final String NDJSON = "application/x-ndjson";
  static final int CHUNK = 500;
  private final LedgerQueries entries;
  private final AuditCursors cursors;
  private final JsonMapper json;
  private final Scheduler blocking;

  AuditExportController(
      LedgerQueries entries,
      AuditCursors cursors,
      JsonMapper json,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.entries = entries;
    this.cursors = cursors;
    this.json = json;
    this.blocking = Schedulers.fromExecutorService(blocking);
  }

  /**
   * One entry per line as {@code GET /api/v1/audit} shows it plus its {@code leaf} (base64), to be
   * checked against an inclusion proof; after {@code after} if given.
   */
  @Get(value = "/export", produces = NDJSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<Publisher<byte[]>> export(HttpRequest<?> request) {
    AuditQuery query =
        AuditParameters.parse(
            QueryParameters.of(request), AuditParameters.Endpoint.EXPORT, cursors);
    long until = entries.lastSeq();
    long after = query.afterSeq() == null ? -1 : query.afterSeq();
    Flux<byte[]> chunks =
        Flux.<byte[], Long>generate(
                () -> after,
                (last, sink) -> {
                  List<LedgerRow> rows = entries.find(query.filter(), last, until, CHUNK);
                  if (!rows.isEmpty()) {
                    sink.next(lines(rows));
                  }
                  if (rows.size() < CHUNK) {
                    sink.complete();
                  }
                  return rows.isEmpty() ? last : rows.get(rows.size() - 1).seq();
                })
            // The chunks are read on the blocking pool, never on the event loop that writes them.
            .subscribeOn(blocking);
    return HttpResponse.ok((Publisher<byte[]>) chunks)
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(query.filter(), until));
  }

  private byte[] lines(List<LedgerRow> rows) {
    ByteArrayOutputStream lines = new ByteArrayOutputStream(rows.size() * 1024);
    try {
      for (LedgerRow row : rows) {
        lines.write(json.writeValueAsBytes(AuditEntryView.withLeaf(row)));
        lines.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write an entry as JSON", e);
    }
    return lines.toByteArray();
  }

  /** {@code hallmark-audit-to-<last seq>.jsonl}: which state of the ledger the file is of. */
  private static String attachment(LedgerFilter filter, long until) {
    String scope = filter.asParameters().isEmpty() ? "" : "filtered-";
    return "attachment; filename=\"hallmark-audit-" + scope + "to-" + until + ".jsonl\"";
  }
}
