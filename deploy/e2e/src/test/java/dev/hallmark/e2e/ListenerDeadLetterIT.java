package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.deploy.local.deadletters.DeadLetterCommand;
import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.PublicKeys;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.StackSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14's acceptance for dead letters, over all six listeners of the stack: a record that cannot
 * be decoded, and one that keeps failing, reach the service's dead-letter topic with the original
 * headers and the reason; once the fault is gone, {@code stack dlt replay} (its Java entry point,
 * {@link DeadLetterCommand}) brings the parked records back and they are applied exactly once; a
 * second replay changes nothing. The stack runs with three attempts 200 ms apart, so that a record
 * that keeps failing is parked within about a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerDeadLetterIT {
  static final Map<String, String> FAST_RETRIES =
      Map.of(
          "HALLMARK_KAFKA_RETRY_ATTEMPTS", "3",
          "HALLMARK_KAFKA_RETRY_INITIAL_DELAY", "200ms",
          "HALLMARK_KAFKA_RETRY_MAX_DELAY", "1s");
  private static final Duration PARKED_WITHIN = Duration.ofSeconds(60);

  /** A service's fault that a retry cannot outlast: set up by {@link #begin}, ended by close. */
  interface Fault {
    DatabaseOutage begin(DatabaseOutage outage) throws SQLException;
  }

  /**
   * The six listeners: the service, a topic it consumes (for the undecodable record), the fault
   * that makes it fail for good until fixed, the source topics of what it then parks for one
   * request, the reason it parks them with, and a count that is 1 when the request was applied
   * once.
   */
  enum Listener {
    /** No transient failure to provoke: the catalogue is kept in memory, nothing is written. */
    INTAKE_CATALOGUE(Services.INTAKE, Topics.PROJECTS.name(), null, Set.of(), null, null),
    INTAKE_REQUEST_PROGRESS(
        Services.INTAKE,
        Topics.POLICY_DECISIONS.name(),
        outage ->
            outage
                .refuse(
                    "intake.signing_request", "UPDATE", "OLD.status IS DISTINCT FROM NEW.status")
                .refuse("intake.signature_outcome", "INSERT", null),
        Set.of(Topics.POLICY_DECISIONS.name(), Topics.PUBLICATIONS.name()),
        DatabaseOutage.MESSAGE,
        "SELECT count(*) FROM intake.signature_outcome WHERE request_id::text = ?"),
    POLICY_SIGNING_REQUESTS(
        Services.POLICY,
        Topics.SIGNING_REQUESTS.name(),
        outage -> outage.refuse("policy.decision", "INSERT", null),
        Set.of(Topics.SIGNING_REQUESTS.name()),
        DatabaseOutage.MESSAGE,
        "SELECT count(*) FROM policy.decision WHERE request_id::text = ?"),
    SIGNER_DECISIONS(
        Services.SIGNER,
        Topics.POLICY_DECISIONS.name(),
        // The outbox too: else the signer could end the request with SigningFailed instead.
        outage ->
            outage
                .refuse("signer.signature", "INSERT", null)
                .refuse("signer.outbox", "INSERT", null),
        Set.of(Topics.POLICY_DECISIONS.name()),
        DatabaseOutage.MESSAGE,
        "SELECT count(*) FROM signer.signature WHERE request_id::text = ?"),
    PUBLISHER_SIGNATURES(
        Services.REGISTRY_PUBLISHER,
        Topics.SIGNATURES.name(),
        outage -> outage.refuseInsertsIn("publisher"),
        Set.of(Topics.SIGNATURES.name()),
        DatabaseOutage.MESSAGE,
        "SELECT count(*) FROM intake.signature_outcome WHERE request_id::text = ?"),
    /** audit-service connects as its own role: its INSERT on the ledger is revoked. */
    AUDIT_FLOW_EVENTS(
        Services.AUDIT,
        Topics.PUBLICATIONS.name(),
        outage -> outage.revokeInsert("audit.ledger_entry", "hallmark_audit"),
        Set.of(
            Topics.SIGNING_REQUESTS.name(),
            Topics.POLICY_DECISIONS.name(),
            Topics.SIGNATURES.name(),
            Topics.PUBLICATIONS.name()),
        "permission denied",
        "SELECT count(*) FROM audit.ledger_entry WHERE request_id = ?"
            + " AND event_type = 'SignaturePublished'");

    final String service;
    final String topic;
    final Fault fault;
    final Set<String> parkedFrom;
    final String reason;
    final String appliedCount;

    Listener(
        String service,
        String topic,
        Fault fault,
        Set<String> parkedFrom,
        String reason,
        String appliedCount) {
      this.service = service;
      this.topic = topic;
      this.fault = fault;
      this.parkedFrom = parkedFrom;
      this.reason = reason;
      this.appliedCount = appliedCount;
    }

    String deadLetterTopic() {
      return Topics.deadLetterFor(service).name();
    }

    String repository() {
      return "builds/dlt-" + name().toLowerCase().replace('_', '-');
    }
  }

  StackSession stack;
  KafkaRecords kafka;

  @BeforeAll
  void up() throws Exception {
    stack = StackSession.upWith(FAST_RETRIES, "--no-demo");
    kafka = new KafkaRecords(stack.env("HALLMARK_KAFKA_BOOTSTRAP"));
  }

  @AfterAll
  void down() throws Exception {
    if (stack != null) {
      stack.down();
    }
  }

  @ParameterizedTest
  @EnumSource(Listener.class)
  void undecodableRecord_isParkedWithItsOriginalHeadersAndTheReason(Listener listener)
      throws Exception {
    String key = "e2e-undecodable-" + listener.name().toLowerCase();
    byte[] value = KafkaRecords.utf8("not a single-object encoded event");
    long from = kafka.end(listener.deadLetterTopic());

    kafka.send(
        listener.topic,
        key,
        value,
        Map.of("hallmark-event-type", "PolicyDecision", "x-e2e-case", listener.name()));

    ConsumerRecord<byte[], byte[]> parked =
        awaitParked(listener, from, r -> key.equals(KafkaRecords.key(r)), Set.of(listener.topic))
            .get(0);
    assertThat(parked.value()).isEqualTo(value);
    assertThat(KafkaRecords.header(parked, "x-e2e-case")).isEqualTo(listener.name());
    assertThat(KafkaRecords.header(parked, "hallmark-event-type")).isEqualTo("PolicyDecision");
    assertThat(KafkaRecords.header(parked, DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(KafkaRecords.header(parked, DeadLetterHeaders.SOURCE_PARTITION)).isNotBlank();
    assertThat(KafkaRecords.header(parked, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
    assertThat(KafkaRecords.header(parked, DeadLetterHeaders.PARKED_AT)).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(Listener.class)
  void recordThatKeepsFailing_isParkedAfterItsRetries_andReplayedOnceWhenFixed(Listener listener)
      throws Exception {
    assumeTrue(
        listener.fault != null,
        "intake's catalogue listener keeps the catalogue in memory and writes nothing: there is no"
            + " transient failure to provoke (its undecodable record is tested above)");
    String registry = stack.env("HALLMARK_REGISTRY");
    PushedImage image = TestImages.push(registry, listener.repository(), "1.0");
    long from = kafka.end(listener.deadLetterTopic());

    List<ConsumerRecord<byte[], byte[]>> parked;
    String id;
    try (DatabaseOutage outage = listener.fault.begin(DatabaseOutage.of(stack))) {
      id = BuildRequests.submit(stack, image);
      String request = id;
      parked = awaitParked(listener, from, r -> belongsTo(r, request, image), listener.parkedFrom);
      for (ConsumerRecord<byte[], byte[]> record : parked) {
        assertThat(KafkaRecords.header(record, DeadLetterHeaders.REASON))
            .as("reason of %s", record)
            .contains(listener.reason);
        assertThat(KafkaRecords.header(record, "hallmark-event-type")).isNotBlank();
        assertThat(KafkaRecords.header(record, DeadLetterHeaders.CONSUMER_GROUP)).isNotBlank();
      }
      assertThat(outage.count(listener.appliedCount, id))
          .as("%s while %s fails", listener.appliedCount, listener)
          .isZero();
    }

    List<Long> offsets = parked.stream().map(ConsumerRecord::offset).sorted().toList();
    for (long offset : offsets) {
      String out = replay(listener, offset);
      assertThat(out).contains("replayed " + offset + " -> ").contains("replayed 1 dead letters");
      Thread.sleep(2000); // one record at a time, in the order they were parked
    }
    stack.awaitStatus(id, stack.env("HALLMARK_CI_TOKEN"), "COMPLETED");
    assertAppliedOnce(listener, id, image);

    for (long offset : offsets) {
      assertThat(replay(listener, offset)).contains("was replayed before");
    }
    Thread.sleep(3000); // anything a second replay had written would be applied by now
    assertAppliedOnce(listener, id, image);
    assertThat(
            kafka.read(listener.deadLetterTopic(), from).stream()
                .filter(r -> belongsTo(r, id, image))
                .map(ConsumerRecord::offset)
                .toList())
        .as("parked again after the fix")
        .containsExactlyElementsOf(offsets);
  }

  private void assertAppliedOnce(Listener listener, String id, PushedImage image) throws Exception {
    long count;
    try (DatabaseOutage database = DatabaseOutage.of(stack)) {
      count = database.count(listener.appliedCount, id);
    }
    assertThat(count).as("%s for request %s", listener.appliedCount, id).isEqualTo(1);
    assertThat(
            CosignVerifier.verify(
                    image.registry(), image.repository(), image.digest(), cosignPublicKey())
                .verified())
        .as("cosign signatures of %s", image)
        .hasSize(1);
  }

  /** Records of one request are keyed by its id, or by its image ({@code ...@<digest>}). */
  private static boolean belongsTo(
      ConsumerRecord<byte[], byte[]> record, String requestId, PushedImage image) {
    String key = KafkaRecords.key(record);
    return key != null && (key.equals(requestId) || key.endsWith("@" + image.digest()));
  }

  /** Replays one dead letter through the command's Java entry point, as deploy/local/stack does. */
  private String replay(Listener listener, long offset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        DeadLetterCommand.run(
            List.of("replay", listener.service, "--offset", Long.toString(offset)),
            stack.stateDir().resolve("stack.env"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    return output;
  }

  /**
   * Waits until the service's dead-letter topic holds, after {@code from}, records that match and
   * come from every one of {@code sources}; returns the matching ones.
   */
  private List<ConsumerRecord<byte[], byte[]>> awaitParked(
      Listener listener,
      long from,
      Predicate<ConsumerRecord<byte[], byte[]>> matches,
      Set<String> sources)
      throws InterruptedException {
    long deadline = System.nanoTime() + PARKED_WITHIN.toNanos();
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    while (!seen.containsAll(sources) && System.nanoTime() < deadline) {
      Thread.sleep(300);
      found =
          kafka.read(listener.deadLetterTopic(), from).stream()
              .filter(r -> KafkaRecords.key(r) != null && matches.test(r))
              .toList();
      seen =
          found.stream()
              .map(r -> KafkaRecords.header(r, DeadLetterHeaders.SOURCE_TOPIC))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(seen)
        .as("source topics of what %s parked on %s", listener, listener.deadLetterTopic())
        .containsAll(sources);
    return found;
  }

  /** The stack's cosign public key, which {@link CosignVerifier} checks signatures against. */
  private PublicKey cosignPublicKey() throws Exception {
    return PublicKeys.fromPem(Files.readString(Path.of(stack.env("HALLMARK_COSIGN_PUBLIC_KEY"))));
  }
}
