package dev.hallmark.audit.intake;

import dev.hallmark.audit.ledger.AuditEntryRepository;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.EventEnvelope;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Records one consumed event in the audit table, or parks it as a dead letter. */
@Singleton
public class EventRecorder {
  private final AuditEntryRepository entries;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  EventRecorder(AuditEntryRepository entries, DeadLetterPublisher deadLetters) {
    this.entries = entries;
    this.deadLetters = deadLetters;
  }

  /**
   * @return true if the event was recorded now, false if it was a duplicate or a dead letter
   */
  public boolean record(ConsumerRecord<byte[], byte[]> record) {
    SpecificRecord event;
    try {
      event = codec.decode(record.value());
    } catch (EventDecodingException e) {
      deadLetters.park(record, e.getMessage());
      return false;
    }
    EventEnvelope envelope = EventEnvelope.of(event);
    return entries.insertOnce(
            envelope.eventId().toString(),
            envelope.eventType(),
            envelope.requestId() == null ? null : envelope.requestId().toString(),
            record.topic(),
            record.partition(),
            record.offset(),
            envelope.occurredAt(),
            " " + String.join(" ", ImageDigests.of(event)) + " ",
            EventReasons.of(event))
        == 1;
  }
}
