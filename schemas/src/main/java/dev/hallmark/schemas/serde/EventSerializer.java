package dev.hallmark.schemas.serde;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for Hallmark events ({@link EventCodec}). When the producer passes
 * headers, it sets {@value #EVENT_TYPE_HEADER} to the event's simple schema name so that tools can
 * route records without decoding them. Null is passed through as null (tombstone).
 */
public final class EventSerializer implements Serializer<SpecificRecord> {

  /** Header naming the event type, e.g. {@code SigningRequested}; UTF-8. */
  public static final String EVENT_TYPE_HEADER = "hallmark-event-type";

  private final EventCodec codec;

  /** Uses {@link EventCodec#standard()}; the constructor Kafka calls for a configured class. */
  public EventSerializer() {
    this(EventCodec.standard());
  }

  public EventSerializer(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  public byte[] serialize(String topic, SpecificRecord event) {
    return event == null ? null : codec.encode(event);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, SpecificRecord event) {
    if (event == null) {
      return null;
    }
    byte[] bytes = codec.encode(event);
    if (headers != null) {
      headers
          .remove(EVENT_TYPE_HEADER)
          .add(EVENT_TYPE_HEADER, event.getSchema().getName().getBytes(StandardCharsets.UTF_8));
    }
    return bytes;
  }
}
