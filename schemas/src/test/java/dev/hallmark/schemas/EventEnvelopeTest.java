package dev.hallmark.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.AuditRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

  @Test
  void of_everyEventType_returnsCommonFields() {
    for (SpecificRecord event : SampleEvents.all()) {
      EventEnvelope envelope = EventEnvelope.of(event);

      assertThat(envelope.eventId())
          .isEqualTo(event.get(event.getSchema().getField("eventId").pos()));
      // Events outside a request (the project catalogue) have no requestId field.
      boolean aboutRequest = event.getSchema().getField("requestId") != null;
      assertThat(envelope.requestId()).isEqualTo(aboutRequest ? SampleEvents.REQUEST_ID : null);
      assertThat(envelope.occurredAt()).isEqualTo(SampleEvents.OCCURRED_AT);
      assertThat(envelope.eventType()).isEqualTo(event.getClass().getSimpleName());
    }
  }

  @Test
  void of_auditRecordWithoutRequest_returnsNullRequestId() {
    AuditRecord record =
        AuditRecord.newBuilder(SampleEvents.auditRecord()).setRequestId(null).build();

    assertThat(EventEnvelope.of(record).requestId()).isNull();
  }

  @Test
  void of_sharedTypeThatIsNoEvent_throwsIllegalArgument() {
    assertThatThrownBy(() -> EventEnvelope.of(SampleEvents.image()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dev.hallmark.events.ImageRef is not a Hallmark event");
  }
}
