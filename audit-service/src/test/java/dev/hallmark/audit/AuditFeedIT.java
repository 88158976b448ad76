package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.checkpoint.Checkpointer;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.Timestamps;
import dev.hallmark.audit.merkle.IndependentMerkle;
import dev.hallmark.audit.tail.AuditTail;
import dev.hallmark.audit.tail.TailOptions;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.runtime.outbox.OutboxRepository;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit topic against the real broker and PostgreSQL: events consumed into the ledger come out
 * on {@code hallmark.audit.v1} as one AuditRecord per entry, in seq order, checkpoints after the
 * entries they cover, nothing for a redelivered event; and {@code audit tail} prints them.
 *
 * <p>The broker (and so the audit topic) is shared by every test class of the JVM, the database is
 * this class's own: the topic is read from the offset it had before this class's service started,
 * and from there on holds only this class's records (classes run one after another).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditFeedIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final TopicPartition AUDIT = AuditTopic.PARTITION;
  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "audit_feed");
  // Taken before the service starts (the instance exists before its context).
  final long firstOffset = AuditTopic.endOffset(infra);
  final List<SpecificRecord> sent = new ArrayList<>();
  final KafkaTestClient kafka = KafkaTestClient.of(infra);

  @Inject Checkpointer checkpointer;
  @Inject LedgerAppender appender;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = AuditServiceProperties.of(infra, jdbcUrl);
    // Checkpoints only when the test asks for them.
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    return properties;
  }

  @AfterAll
  void closeProducer() {
    kafka.close();
  }

  @Test
  @Order(1)
  void feed_consumedAndRedeliveredEvents_oneRecordPerEntryInSeqOrderCheckpointsAfter()
      throws Exception {
    List<SigningRequested> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      SigningRequested request = EventRecordingIT.signingRequested();
      requests.add(request);
      send(Topics.SIGNING_REQUESTS.name(), request.getRequestId().toString(), request);
    }
    awaitLedgerHas(6);
    long firstCheckpoint = checkpointer.checkpoint(false).orElseThrow().checkpoint().treeSize();
    for (SigningRequested request : requests.subList(0, 4)) {
      send(Topics.SIGNATURES.name(), request.getRequestId().toString(), rejected(request));
    }
    awaitLedgerHas(10);
    // The first request again (Kafka delivers at least once), then a marker on its partition: once
    // the marker is in the ledger, the duplicate was processed.
    SigningRequested redelivered = requests.get(0);
    produce(Topics.SIGNING_REQUESTS.name(), redelivered.getRequestId().toString(), redelivered);
    SigningRequested marker = EventRecordingIT.signingRequested(redelivered.getRequestId());
    send(Topics.SIGNING_REQUESTS.name(), marker.getRequestId().toString(), marker);
    awaitLedgerHas(11);
    long size = checkpointer.checkpoint(false).orElseThrow().checkpoint().treeSize();

    List<Row> rows = ledgerRows();
    List<ConsumerRecord<byte[], byte[]>> topic =
        AuditTopic.readUntil(
            infra,
            firstOffset,
            event ->
                event instanceof AuditCheckpoint checkpoint && checkpoint.getTreeSize() == size,
            WAIT);
    List<AuditRecord> records = new ArrayList<>();
    List<Long> checkpointSizes = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : topic) {
      SpecificRecord event = EventCodec.standard().decode(record.value());
      if (event instanceof AuditRecord entry) {
        records.add(entry);
        assertThat(key(record)).isEqualTo(Topics.auditKey(entry.getRequestId()));
      } else if (event instanceof AuditCheckpoint checkpoint) {
        assertThat(checkpoint.getTreeSize())
            .as("checkpoint at offset %d covers only entries before it", record.offset())
            .isLessThanOrEqualTo(records.size());
        checkpointSizes.add(checkpoint.getTreeSize());
        if (checkpoint.getTreeSize() == size) {
          // The leaves on the topic alone give the root the checkpoint signed.
          assertThat(checkpoint.getRootHash())
              .isEqualTo(HexFormat.of().formatHex(IndependentMerkle.mth(leaves(records))));
        }
      }
    }

    assertThat(rows).hasSize((int) size);
    assertThat(records).extracting(AuditRecord::getSequence).containsExactlyElementsOf(seqs(size));
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      AuditRecord record = records.get(i);
      assertThat(record.getSequence()).isEqualTo(row.seq());
      assertThat(record.getSourceEventId()).isEqualTo(row.eventId());
      assertThat(record.getEventType()).isEqualTo(row.eventType());
      assertThat(record.getRequestId() == null ? null : record.getRequestId().toString())
          .isEqualTo(row.requestId());
      assertThat(bytes(record.getLeaf())).isEqualTo(row.leaf());
    }
    assertThat(checkpointSizes).containsExactly(firstCheckpoint, size);
    assertThat(records)
        .extracting(AuditRecord::getSourceEventId)
        .containsAll(sent.stream().map(AuditFeedIT::eventId).toList())
        .doesNotHaveDuplicates()
        .endsWith(marker.getEventId().toString());
    assertThat(records.get(records.size() - 1).getSummary())
        .isEqualTo(
            "signing requested by it (CI_TOKEN) under demo/default: COSIGN for demo/app@"
                + marker.getImages().get(0).getDigest().substring(0, "sha256:".length() + 12));
  }

  @Test
  @Order(2)
  void tail_fromThisClassesFirstOffset_printsOneLinePerEntryAndCheckpoint() throws Exception {
    List<Row> rows = ledgerRows();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    long printed =
        tail(
            new TailOptions(
                infra.kafkaBootstrap(),
                new TailOptions.Start.FromOffset(firstOffset),
                false,
                false),
            out);

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize((int) printed).hasSize(rows.size() + 2);
    List<String> entryLines = lines.stream().filter(line -> line.startsWith("#")).toList();
    assertThat(entryLines).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertThat(entryLines.get(i))
          .startsWith("#" + row.seq() + " " + row.recordedAt() + " " + row.eventType() + " ")
          .contains(" request=" + row.requestId() + " ");
    }
    assertThat(entryLines.get(0))
        .matches(
            "#0 \\S+Z SigningRequested INFO request=\\S+ actor=it image=127\\.0\\.0\\.1:15000/demo/app@sha256:[0-9a-f]{64} signing requested by it .*");
    assertThat(entryLines.stream().filter(line -> line.contains(" DecisionRejected ")))
        .hasSize(4)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains(" DecisionRejected REFUSED ")
                    .contains(" actor=signer-service ")
                    .endsWith(": decision is not authenticated: no authenticator"));
    List<String> checkpoints =
        lines.stream().filter(line -> line.startsWith("checkpoint ")).toList();
    assertThat(checkpoints).hasSize(2);
    assertThat(checkpoints.get(1))
        .startsWith(
            "checkpoint size="
                + rows.size()
                + " root="
                + HexFormat.of()
                    .formatHex(IndependentMerkle.mth(rows.stream().map(Row::leaf).toList())))
        .endsWith(" origin=hallmark.test/audit");
    // The first checkpoint (size 6) is printed after the sixth entry and before the last.
    assertThat(lines.indexOf(checkpoints.get(0))).isBetween(6, lines.size() - 2);
  }

  @Test
  @Order(3)
  void tail_following_printsEntriesAppendedWhileItWaits() throws Exception {
    long before = ledgerRows().size();
    long end = AuditTopic.endOffset(infra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (KafkaConsumer<byte[], byte[]> consumer = AuditTopic.consumer(infra)) {
      AuditTail tail =
          new AuditTail(
              consumer,
              AUDIT,
              new TailOptions(
                  infra.kafkaBootstrap(), new TailOptions.Start.FromOffset(end), true, false),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              System.err);
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(tail::run);
      appender.append(TestEntries.drafts(3, "following"));

      Await.until(
          "three lines of the tail",
          WAIT,
          () -> out.toString(StandardCharsets.UTF_8).lines().count() >= 3);
      tail.stop();
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(3);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines().map(line -> line.split(" ")[0]))
        .containsExactly("#" + before, "#" + (before + 1), "#" + (before + 2));
  }

  @Test
  @Order(4)
  void relay_whileAnotherInstanceHoldsTheOutbox_sendsNothing_thenEverythingInOrder()
      throws Exception {
    long before = ledgerRows().size();
    long end = AuditTopic.endOffset(infra);
    String key = "hashtextextended('" + OutboxRepository.RELAY_LOCK_PREFIX + "' || 'audit', 0)";
    try (Connection otherInstance = TestDatabases.superuser(infra, jdbcUrl);
        Statement relay = otherInstance.createStatement()) {
      // The claim another instance's relay holds while it sends (here as a session lock).
      relay.execute("SELECT pg_advisory_lock(" + key + ")");
      appender.append(TestEntries.drafts(3, "held"));
      // The relay wakes on the commit and polls every 100 ms: 20 chances to send in 2 s.
      Thread.sleep(2000);
      assertThat(AuditTopic.endOffset(infra))
          .as("records sent while another relay held the outbox")
          .isEqualTo(end);
      relay.execute("SELECT pg_advisory_unlock(" + key + ")");
    }

    List<Long> sequences = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        AuditTopic.readUntil(
            infra,
            end,
            event -> event instanceof AuditRecord entry && entry.getSequence() == before + 2,
            WAIT)) {
      if (EventCodec.standard().decode(record.value()) instanceof AuditRecord entry) {
        sequences.add(entry.getSequence());
      }
    }
    assertThat(sequences).containsExactly(before, before + 1, before + 2);
  }

  private long tail(TailOptions options, ByteArrayOutputStream out) {
    try (KafkaConsumer<byte[], byte[]> consumer = AuditTopic.consumer(infra)) {
      return new AuditTail(
              consumer,
              AUDIT,
              options,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              System.err)
          .run();
    }
  }

  record Row(
      long seq,
      String eventId,
      String eventType,
      String requestId,
      String recordedAt,
      byte[] leaf) {}

  private List<Row> ledgerRows() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection db = TestDatabases.superuser(infra, jdbcUrl);
        Statement query = db.createStatement();
        ResultSet result =
            query.executeQuery(
                "SELECT seq, event_id, event_type, request_id, recorded_at, leaf"
                    + " FROM audit.ledger_entry ORDER BY seq")) {
      while (result.next()) {
        rows.add(
            new Row(
                result.getLong("seq"),
                result.getString("event_id"),
                result.getString("event_type"),
                result.getString("request_id"),
                Timestamps.format(result.getTimestamp("recorded_at").toInstant()),
                result.getBytes("leaf")));
      }
    }
    return rows;
  }

  private void awaitLedgerHas(int entriesOfThisTest) throws Exception {
    List<String> expected = sent.stream().map(AuditFeedIT::eventId).toList();
    Await.until(
        "the ledger has " + expected,
        WAIT,
        () -> ledgerRows().stream().map(Row::eventId).toList().containsAll(expected));
    assertThat(expected).hasSize(entriesOfThisTest);
  }

  private void send(String topic, String key, SpecificRecord event) throws Exception {
    produce(topic, key, event);
    sent.add(event);
  }

  private void produce(String topic, String key, SpecificRecord event) throws Exception {
    kafka.send(topic, key, event);
  }

  private static DecisionRejected rejected(SigningRequested request) {
    return DecisionRejected.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(request.getRequestId())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setDecisionEventId(UUID.randomUUID())
        .setImages(request.getImages())
        .setReason("decision is not authenticated: no authenticator")
        .build();
  }

  private static String eventId(SpecificRecord event) {
    return String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
  }

  private static List<Long> seqs(long size) {
    List<Long> seqs = new ArrayList<>();
    for (long seq = 0; seq < size; seq++) {
      seqs.add(seq);
    }
    return seqs;
  }

  private static List<byte[]> leaves(List<AuditRecord> records) {
    return records.stream().map(record -> bytes(record.getLeaf())).toList();
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.key(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
