package dev.hallmark.audit.tail;

import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the audit topic's one partition with a plain consumer (assigned, no group, nothing
 * committed: reading changes nothing) and prints one line per entry and checkpoint.
 *
 * <p>The topic is at least once: a batch the outbox relay sent again appears twice, so an entry
 * whose sequence was printed already, or a checkpoint no larger than one printed, is skipped. A
 * jump in the sequences (records deleted by retention) is reported on the error stream.
 */
public final class AuditTail {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final TailOptions options;
  private final PrintStream out;
  private final PrintStream err;
  private final EventCodec codec = EventCodec.standard();
  private long nextSequence = -1;
  private long printedTreeSize = -1;
  private long printed;

  public AuditTail(
      Consumer<byte[], byte[]> consumer,
      TopicPartition partition,
      TailOptions options,
      PrintStream out,
      PrintStream err) {
    this.consumer = consumer;
    this.partition = partition;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * Prints until the end the topic had when it started, or, when following, until {@link #stop()}.
   *
   * @return how many lines it printed
   */
  public long run() {
    consumer.assign(List.of(partition));
    long end = consumer.endOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
    seekToStart(end);
    try {
      while (options.follow() || consumer.position(partition, METADATA_TIMEOUT) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (options.follow() || record.offset() < end) {
            print(record);
          }
        }
      }
    } catch (WakeupException e) {
      // stop() was called: end quietly.
    }
    out.flush();
    return printed;
  }

  /** Makes {@link #run()} return soon; safe from any thread (a shutdown hook, a test). */
  public void stop() {
    consumer.wakeup();
  }

  private void seekToStart(long end) {
    TailOptions.Start start = options.start();
    if (start instanceof TailOptions.Start.FromOffset from) {
      consumer.seek(partition, from.offset());
    } else if (start instanceof TailOptions.Start.Beginning) {
      consumer.seekToBeginning(List.of(partition));
      nextSequence = 0;
    } else if (start instanceof TailOptions.Start.FromSequence from) {
      // Sequences grow with offsets, but nothing maps one to the other: read from the beginning
      // and skip the entries before (and the checkpoints that cover none from there on).
      consumer.seekToBeginning(List.of(partition));
      nextSequence = from.sequence();
      printedTreeSize = from.sequence();
    } else {
      consumer.seek(partition, end);
    }
  }

  private void print(ConsumerRecord<byte[], byte[]> record) {
    SpecificRecord event;
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("a record without a value");
      }
      event = codec.decode(record.value());
    } catch (EventDecodingException | IllegalArgumentException e) {
      err.println("# offset " + record.offset() + " skipped: " + e.getMessage());
      return;
    }
    if (event instanceof AuditRecord entry) {
      printEntry(entry);
    } else if (event instanceof AuditCheckpoint checkpoint) {
      printCheckpoint(checkpoint);
    } else {
      err.println(
          "# offset "
              + record.offset()
              + " skipped: "
              + event.getSchema().getName()
              + " is not an audit event");
    }
  }

  private void printEntry(AuditRecord entry) {
    long sequence = entry.getSequence();
    if (nextSequence >= 0 && sequence < nextSequence) {
      return; // sent again, or before --from-seq
    }
    if (nextSequence >= 0 && sequence > nextSequence) {
      err.println(
          "# entries "
              + nextSequence
              + " to "
              + (sequence - 1)
              + " are not on the topic (deleted by its retention?); GET /api/v1/audit has them");
    }
    line(options.json() ? TailLines.json(entry) : TailLines.text(entry));
    nextSequence = sequence + 1;
  }

  private void printCheckpoint(AuditCheckpoint checkpoint) {
    if (checkpoint.getTreeSize() <= printedTreeSize) {
      return; // sent again, or covers nothing from --from-seq on
    }
    line(options.json() ? TailLines.json(checkpoint) : TailLines.text(checkpoint));
    printedTreeSize = checkpoint.getTreeSize();
  }

  private void line(String line) {
    out.println(line);
    out.flush();
    printed++;
  }
}
