package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerQueries;
import dev.hallmark.audit.ledger.LedgerRow;
import dev.hallmark.runtime.http.FieldErrors;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The live feed of entries as server-sent events: the matching entries after a start point, then
 * each new one, in seq order ({@code id:} the seq, {@code event: entry}, {@code data:} the entry as
 * {@code GET /api/v1/audit} shows it), and a comment every heartbeat interval so that proxies keep
 * an idle connection open.
 *
 * <p>Each feed polls the database by seq (every {@code hallmark.audit.stream.poll-interval}, at
 * once again while a poll returns a full batch) instead of waiting for an in-process notification,
 * so that it sees what every instance of audit-service appends; between polls it holds no
 * connection.
 */
@Controller("/api/v1/audit")
final class AuditStreamController {
  static final String LAST_EVENT_ID = "Last-Event-ID";
  private static final Logger LOG = LoggerFactory.getLogger(AuditStreamController.class);
  private final LedgerQueries entries;
  private final AuditCursors cursors;
  private final JsonMapper json;
  private final Scheduler blocking;
  private final Duration pollInterval;
  private final Duration heartbeat;
  private final int batch;

  AuditStreamController(
      LedgerQueries entries,
      AuditCursors cursors,
      JsonMapper json,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      @Value("${hallmark.audit.stream.poll-interval:500ms}") Duration pollInterval,
      @Value("${hallmark.audit.stream.heartbeat:15s}") Duration heartbeat,
      @Value("${hallmark.audit.stream.batch:200}") int batch) {
    this.entries = entries;
    this.cursors = cursors;
    this.json = json;
    this.blocking = Schedulers.fromExecutorService(blocking);
    this.pollInterval = pollInterval;
    this.heartbeat = heartbeat;
    this.batch = batch;
  }

  /**
   * Starts after {@code Last-Event-ID} (a reconnecting client's last seq), else after {@code after}
   * ({@code -1}: from the first entry), else after the last entry now: only new ones.
   */
  @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
  @ExecuteOn(TaskExecutors.BLOCKING)
  Publisher<Event<String>> stream(
      HttpRequest<?> request, @Nullable @Header(LAST_EVENT_ID) String lastEventId) {
    AuditQuery query =
        AuditParameters.parse(
            QueryParameters.of(request), AuditParameters.Endpoint.STREAM, cursors);
    Long resumed = lastEventId(lastEventId);
    long start =
        resumed != null ? resumed : query.afterSeq() != null ? query.afterSeq() : entries.lastSeq();
    return Flux.merge(entries(query, start), heartbeats());
  }

  private Flux<Event<String>> entries(AuditQuery query, long start) {
    AtomicLong position = new AtomicLong(start);
    AtomicBoolean full = new AtomicBoolean();
    Mono<List<LedgerRow>> poll =
        Mono.fromCallable(
                () -> {
                  List<LedgerRow> rows =
                      entries.find(query.filter(), position.get(), Long.MAX_VALUE, batch);
                  if (!rows.isEmpty()) {
                    position.set(rows.get(rows.size() - 1).seq());
                  }
                  full.set(rows.size() == batch);
                  return rows;
                })
            .subscribeOn(blocking);
    return poll.repeatWhen(
            polled ->
                polled.concatMap(ignored -> full.get() ? Mono.just(0L) : Mono.delay(pollInterval)))
        // One batch at a time: a slow client slows the polling instead of filling memory.
        .concatMapIterable(rows -> rows, 1)
        .map(this::event)
        .onErrorResume(
            e -> {
              // The client reconnects with Last-Event-ID and continues where this feed stopped.
              LOG.warn("audit stream ended after seq {}: {}", position.get(), e.toString());
              return Flux.empty();
            });
  }

  private Flux<Event<String>> heartbeats() {
    return Flux.interval(heartbeat, heartbeat)
        .onBackpressureDrop()
        .map(tick -> Event.of("").comment("heartbeat"));
  }

  private Event<String> event(LedgerRow row) {
    try {
      return Event.of(json.writeValueAsString(AuditEntryView.of(row)))
          .id(Long.toString(row.seq()))
          .name("entry");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write an entry as JSON", e);
    }
  }

  private static Long lastEventId(@Nullable String header) {
    if (header == null) {
      return null;
    }
    if (!header.matches("[0-9]{1,18}")) {
      FieldErrors errors = new FieldErrors();
      errors.add(LAST_EVENT_ID, "must be the seq of an entry this stream sent (a whole number)");
      errors.throwIfAny();
    }
    return Long.parseLong(header);
  }
}
