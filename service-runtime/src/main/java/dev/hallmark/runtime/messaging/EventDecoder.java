package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a record for a listener, or says why the listener cannot take it. */
final class EventDecoder {
  private final EventCodec codec;
  private final Set<Class<? extends SpecificRecord>> eventTypes;
  private final boolean acceptsTombstones;

  EventDecoder(
      EventCodec codec,
      Set<Class<? extends SpecificRecord>> eventTypes,
      boolean acceptsTombstones) {
    this.codec = codec;
    this.eventTypes = Set.copyOf(eventTypes);
    this.acceptsTombstones = acceptsTombstones;
  }

  /**
   * @param event the decoded event; null for an accepted tombstone or an unusable record
   * @param unusable why the record cannot be taken (to park it with); null if it can
   */
  record Decoded(SpecificRecord event, RecordContext context, String unusable) {
    boolean usable() {
      return unusable == null;
    }
  }

  Decoded decode(ConsumerRecord<byte[], byte[]> record) {
    RecordContext context =
        new RecordContext(record.topic(), record.partition(), record.offset(), record.key());
    if (record.value() == null) {
      return acceptsTombstones
          ? new Decoded(null, context, null)
          : new Decoded(null, context, "a record without a value (tombstone) is not expected here");
    }
    SpecificRecord event;
    try {
      event = codec.decode(record.value());
    } catch (EventDecodingException e) {
      return new Decoded(null, context, e.getMessage());
    }
    if (!eventTypes.contains(event.getClass())) {
      return new Decoded(
          null,
          context,
          "unexpected event type "
              + event.getSchema().getName()
              + " on "
              + record.topic()
              + "; this listener takes "
              + eventTypes.stream().map(Class::getSimpleName).sorted().toList());
    }
    return new Decoded(event, context, null);
  }
}
