package dev.hallmark.audit.intake;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.EventSource;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.EventEnvelope;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records consumed events in the ledger, one polled batch in one append, or parks them as dead
 * letters. Dead letters are parked after the append committed: when the database fails, the batch
 * is delivered again and nothing was parked twice.
 */
@Singleton
public class EventRecorder {
  private final LedgerAppender ledger;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  EventRecorder(LedgerAppender ledger, DeadLetterPublisher deadLetters) {
    this.ledger = ledger;
    this.deadLetters = deadLetters;
  }

  /**
   * @return the entries appended now (not the duplicates, not the dead letters)
   */
  public List<LedgerEntry> record(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<EntryDraft> drafts = new ArrayList<>();
    List<Map.Entry<ConsumerRecord<byte[], byte[]>, String>> unusable = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.value() == null) {
        unusable.add(Map.entry(record, "record without a value"));
        continue;
      }
      try {
        drafts.add(draft(codec.decode(record.value()), record));
      } catch (EventDecodingException e) {
        unusable.add(Map.entry(record, e.getMessage()));
      }
    }
    // A poll hands records over partition by partition, so a decision read in the same poll as its
    // request could come first. Ordered by the time each service stamped on its event (a stable
    // sort keeps the poll's order for equal times), a request's steps enter the ledger in the
    // order they happened.
    drafts.sort(Comparator.comparing(EntryDraft::occurredAt));
    List<LedgerEntry> appended = ledger.append(drafts);
    unusable.forEach(parked -> deadLetters.park(parked.getKey(), parked.getValue()));
    return appended;
  }

  static EntryDraft draft(SpecificRecord event, ConsumerRecord<?, ?> record) {
    EventEnvelope envelope = EventEnvelope.of(event);
    return new EntryDraft(
        envelope.eventId().toString(),
        envelope.eventType(),
        envelope.occurredAt(),
        envelope.requestId() == null ? null : envelope.requestId().toString(),
        new EventSource(record.topic(), record.partition(), record.offset()),
        EventContent.of(event));
  }
}
