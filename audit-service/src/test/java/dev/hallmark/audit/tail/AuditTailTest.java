package dev.hallmark.audit.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The tail's reading rules over a mocked topic; against the real broker: AuditFeedIT. */
class AuditTailTest {
  static final TopicPartition PARTITION = new TopicPartition(Topics.AUDIT.name(), 0);

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_fromBeginningWithABatchSentTwice_printsEachEntryAndCheckpointOnceThenStops() {
    List<byte[]> topic =
        List.of(
            entry(0),
            entry(1),
            entry(2),
            entry(1),
            entry(2),
            checkpoint(3),
            entry(3),
            checkpoint(3));

    long printed = run(topic, new TailOptions.Start.Beginning());

    assertThat(printed).isEqualTo(5);
    assertThat(lineStarts()).containsExactly("#0", "#1", "#2", "checkpoint", "#3");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void run_fromSeq_skipsEarlierEntriesAndCheckpointsCoveringNoneOfThem() {
    List<byte[]> topic =
        List.of(entry(0), entry(1), checkpoint(2), entry(2), entry(3), checkpoint(4));

    run(topic, new TailOptions.Start.FromSequence(2));

    assertThat(lineStarts()).containsExactly("#2", "#3", "checkpoint");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("checkpoint size=4 ");
  }

  @Test
  void run_gapInSequencesAndUndecodableRecord_reportedOnStderr() {
    List<byte[]> topic = List.of(entry(5), new byte[] {1, 2, 3}, entry(6));

    run(topic, new TailOptions.Start.Beginning());

    assertThat(lineStarts()).containsExactly("#5", "#6");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("# entries 0 to 4 are not on the topic")
        .contains("# offset 1 skipped: ");
  }

  private long run(List<byte[]> values, TailOptions.Start start) {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.updateEndOffsets(Map.of(PARTITION, (long) values.size()));
    consumer.schedulePollTask(
        () -> {
          for (int offset = 0; offset < values.size(); offset++) {
            consumer.addRecord(
                new ConsumerRecord<>(PARTITION.topic(), 0, offset, null, values.get(offset)));
          }
        });
    return new AuditTail(
            consumer,
            PARTITION,
            new TailOptions("k:1", start, false, false),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run();
  }

  private List<String> lineStarts() {
    return out.toString(StandardCharsets.UTF_8).lines().map(line -> line.split(" ")[0]).toList();
  }

  private static byte[] entry(long sequence) {
    AuditRecord record =
        AuditRecord.newBuilder(TailLinesTest.record()).setSequence(sequence).build();
    return EventCodec.standard().encode(record);
  }

  private static byte[] checkpoint(long treeSize) {
    AuditCheckpoint checkpoint =
        AuditCheckpoint.newBuilder(TailLinesTest.checkpoint()).setTreeSize(treeSize).build();
    return EventCodec.standard().encode(checkpoint);
  }
}
