package dev.hallmark.audit.recording;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.EventSource;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.runtime.messaging.ConsumedEvent;
import dev.hallmark.runtime.messaging.RecordContext;
import dev.hallmark.schemas.EventEnvelope;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records consumed events in the ledger, one polled batch in one append (one transaction). A
 * redelivered event is skipped by its event id, so a batch may be recorded again.
 */
@Singleton
public class EventRecorder {
  private final LedgerAppender ledger;

  EventRecorder(LedgerAppender ledger) {
    this.ledger = ledger;
  }

  /**
   * @return the entries appended now (not the duplicates)
   */
  public List<LedgerEntry> record(List<ConsumedEvent> events) {
    List<EntryDraft> drafts = new ArrayList<>();
    for (ConsumedEvent consumed : events) {
      drafts.add(draft(consumed.event(), consumed.context()));
    }
    // A poll hands records over partition by partition, so a decision read in the same poll as its
    // request could come first. Ordered by the time each service stamped on its event (a stable
    // sort keeps the poll's order for equal times), a request's steps enter the ledger in the
    // order they happened.
    drafts.sort(Comparator.comparing(EntryDraft::occurredAt));
    return ledger.append(drafts);
  }

  static EntryDraft draft(SpecificRecord event, RecordContext record) {
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
