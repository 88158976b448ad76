package dev.hallmark.deploy.local.deadletters;

import dev.hallmark.schemas.topics.TopicSpec;
import dev.hallmark.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code stack dlt replay SERVICE}: writes each dead letter that was not replayed before back to
 * its source topic, with its original key, value and headers. The dead-letter headers are dropped
 * and {@value #REPLAYED_FROM_HEADER} is added. Progress is committed in the replay's consumer group
 * after each record is confirmed written, so a second replay writes nothing again; a crash between
 * the write and the commit can write one record twice, which consumers skip by its event id.
 */
final class DeadLetterReplay {
  /** Added to a replayed record: {@code <dead-letter topic>-<partition>@<offset>} it came from. */
  static final String REPLAYED_FROM_HEADER = "hallmark-replayed-from";

  /** Every {@code DeadLetterHeaders} name starts with this; none of them is replayed. */
  static final String DEAD_LETTER_HEADER_PREFIX = "hallmark-dlt-";

  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final String service;
  private final String topic;
  private final Producer<byte[], byte[]> producer;
  private final PrintStream out;
  private final Set<String> sourceTopics;
  private int replayed;
  private int skipped;

  DeadLetterReplay(String service, Producer<byte[], byte[]> producer, PrintStream out) {
    this.service = service;
    this.topic = Topics.deadLetterFor(service).name();
    this.producer = producer;
    this.out = out;
    // A dead letter goes back only to a topic its service consumes: a forged or hand-written
    // source-topic header must not let a replay write into another service's topic.
    this.sourceTopics =
        Topics.ALL.stream()
            .filter(spec -> spec.consumers().contains(service))
            .map(TopicSpec::name)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Replays what is pending in one partition: everything, or only {@code onlyOffset}. */
  void replay(PartitionReader reader, OptionalLong onlyOffset) throws Exception {
    long beginning = reader.beginning();
    long end = reader.end();
    ReplayProgress[] progress = {ReplayProgress.fromCommit(reader.committed(), beginning)};
    if (onlyOffset.isPresent()) {
      long offset = onlyOffset.getAsLong();
      if (offset < beginning || offset >= end) {
        throw new IllegalArgumentException(
            "no dead letter at offset "
                + offset
                + " of "
                + topic
                + " (it holds "
                + beginning
                + " to "
                + (end - 1)
                + ")");
      }
      if (progress[0].replayed(offset)) {
        out.printf("dead letter %d of %s was replayed before; nothing to do%n", offset, service);
        return;
      }
      reader.read(
          offset,
          offset + 1,
          record -> {
            progress[0] = replayOne(reader, record, progress[0]);
            return false;
          });
      return;
    }
    long start = progress[0].position();
    reader.read(
        start,
        end,
        record -> {
          if (progress[0].replayed(record.offset())) {
            progress[0] = progress[0].passed(record.offset());
          } else {
            progress[0] = replayOne(reader, record, progress[0]);
          }
          return true;
        });
    if (progress[0].position() != start) {
      reader.commit(progress[0].toCommit());
    }
  }

  int replayed() {
    return replayed;
  }

  int skipped() {
    return skipped;
  }

  private ReplayProgress replayOne(
      PartitionReader reader, ConsumerRecord<byte[], byte[]> record, ReplayProgress progress)
      throws Exception {
    DeadLetter letter = DeadLetter.of(record);
    ReplayProgress next = progress.with(record.offset());
    next.toCommit(); // refuses before the write when the progress could not be committed after it
    if (!sourceTopics.contains(letter.sourceTopic())) {
      skipped++;
      out.printf(
          "skipped  %s: source topic %s is not one %s consumes%n",
          letter.position(), letter.sourceTopic(), service);
    } else {
      producer.send(toSource(record, letter)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      replayed++;
      out.printf(
          "replayed %s -> %s  %s  key %s%n",
          letter.position(),
          letter.sourceTopic(),
          letter.eventType(),
          letter.key() == null ? DeadLetter.MISSING : OneLine.escape(letter.key()));
    }
    reader.commit(next.toCommit());
    return next;
  }

  private ProducerRecord<byte[], byte[]> toSource(
      ConsumerRecord<byte[], byte[]> record, DeadLetter letter) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)
          && !header.key().equals(REPLAYED_FROM_HEADER)) {
        headers.add(header);
      }
    }
    String from = topic + "-" + record.partition() + "@" + record.offset();
    headers.add(REPLAYED_FROM_HEADER, from.getBytes(StandardCharsets.UTF_8));
    // No partition: the key puts the record where its producer's key put it.
    return new ProducerRecord<>(letter.sourceTopic(), null, record.key(), record.value(), headers);
  }
}
