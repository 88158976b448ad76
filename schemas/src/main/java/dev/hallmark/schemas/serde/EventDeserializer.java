package dev.hallmark.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for Hallmark events ({@link EventCodec}). Null is passed through as null
 * (tombstone). Failures are {@link EventDecodingException}s, which the consumer reports wrapped in
 * a {@code RecordDeserializationException} carrying partition and offset.
 */
public final class EventDeserializer implements Deserializer<SpecificRecord> {

  private final EventCodec codec;

  /** Uses {@link EventCodec#standard()}; the constructor Kafka calls for a configured class. */
  public EventDeserializer() {
    this(EventCodec.standard());
  }

  public EventDeserializer(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  public SpecificRecord deserialize(String topic, byte[] bytes) {
    return bytes == null ? null : codec.decode(bytes);
  }
}
