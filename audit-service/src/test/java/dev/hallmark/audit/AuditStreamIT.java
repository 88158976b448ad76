package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/audit/stream} read as any SSE client reads it (the JDK's HTTP client, lines
 * parsed here): the backlog after a start point, then entries appended after the connection, in seq
 * order; a reconnect with {@code Last-Event-ID} continues without repeats; heartbeats.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditStreamIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);
  final Infrastructure infra = TestInfrastructure.shared();
  final HttpClient client = HttpClient.newHttpClient();

  @Inject LedgerAppender appender;
  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(AuditServiceProperties.of(infra));
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    properties.put("hallmark.audit.stream.poll-interval", "100ms");
    properties.put("hallmark.audit.stream.heartbeat", "500ms");
    // Smaller than the backlog: the feed must page through it.
    properties.put("hallmark.audit.stream.batch", "2");
    return properties;
  }

  @Test
  void stream_givesTheBacklogThenNewEntries_andResumesAfterLastEventId() throws Exception {
    String project = "stream-" + UUID.randomUUID();
    List<LedgerEntry> backlog = appender.append(TestEntries.drafts(3, project));
    long before = backlog.get(0).seq() - 1;

    List<SseEvent> received;
    try (Feed feed = open("project=" + project + "&after=" + before, null)) {
      received = new ArrayList<>(feed.events(3));
      appender.append(TestEntries.drafts(2, "elsewhere-" + UUID.randomUUID()));
      List<LedgerEntry> live = appender.append(TestEntries.drafts(4, project));
      received.addAll(feed.events(4));

      List<LedgerEntry> expected = new ArrayList<>(backlog);
      expected.addAll(live);
      assertThat(received).extracting(SseEvent::name).containsOnly("entry");
      assertThat(received)
          .extracting(SseEvent::id)
          .containsExactlyElementsOf(expected.stream().map(e -> Long.toString(e.seq())).toList());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(received.get(i).data())
            .startsWith("{")
            .contains("\"eventId\":\"" + expected.get(i).eventId() + "\"")
            .contains("\"project\":\"" + project + "\"")
            .doesNotContain("\"leaf\"");
      }
      assertThat(feed.awaitHeartbeat()).isTrue();
    }

    // The client lost the connection after the fifth event: it continues with the sixth.
    try (Feed resumed = open("project=" + project + "&after=" + before, received.get(4).id())) {
      List<SseEvent> rest = resumed.events(2);
      List<LedgerEntry> later = appender.append(TestEntries.drafts(1, project));
      rest.addAll(resumed.events(1));

      assertThat(rest)
          .extracting(SseEvent::id)
          .containsExactly(received.get(5).id(), received.get(6).id(), seq(later.get(0)));
      assertThat(resumed.poll(Duration.ofSeconds(1))).as("nothing repeated").isNull();
    }
  }

  @Test
  void stream_withoutStartPoint_givesOnlyNewEntries() throws Exception {
    String project = "stream-new-" + UUID.randomUUID();
    appender.append(TestEntries.drafts(2, project));

    try (Feed feed = open("project=" + project, null)) {
      // A heartbeat proves the feed was set up (its start point taken) before the append.
      assertThat(feed.awaitHeartbeat()).isTrue();
      List<LedgerEntry> live = appender.append(TestEntries.drafts(1, project));

      assertThat(feed.events(1)).extracting(SseEvent::id).containsExactly(seq(live.get(0)));
    }
  }

  private static String seq(LedgerEntry entry) {
    return Long.toString(entry.seq());
  }

  private Feed open(String query, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/audit/stream?" + query))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    return new Feed(response);
  }

  record SseEvent(String id, String name, String data) {}

  /** Reads the stream on a thread of its own: events and heartbeats into queues. */
  static final class Feed implements AutoCloseable {
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;
    private final Thread reader;

    Feed(HttpResponse<java.io.InputStream> response) {
      this.response = response;
      this.reader = new Thread(this::read, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              events.add(new SseEvent(id, name, data.toString()));
            }
            id = null;
            name = null;
            data.setLength(0);
          } else if (line.startsWith(":")) {
            comments.add(line.substring(1).trim());
          } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("event:")) {
            name = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).trim());
          }
        }
      } catch (java.io.IOException e) {
        // closed by the test
      }
    }

    List<SseEvent> events(int count) throws InterruptedException {
      List<SseEvent> taken = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (taken.size() < count && System.nanoTime() < deadline) {
        SseEvent event = events.poll(200, TimeUnit.MILLISECONDS);
        if (event != null) {
          taken.add(event);
        }
      }
      assertThat(taken).as("events received within %s", WAIT).hasSize(count);
      return taken;
    }

    SseEvent poll(Duration wait) throws InterruptedException {
      return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitHeartbeat() throws InterruptedException {
      return "heartbeat".equals(comments.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Override
    public void close() throws Exception {
      response.body().close();
      reader.interrupt();
    }
  }
}
