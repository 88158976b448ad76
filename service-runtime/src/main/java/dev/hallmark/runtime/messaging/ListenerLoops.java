package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.serde.EventCodec;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Builds the consumer loop of a listener, from the listener, a consumer and the dead letters. */
final class ListenerLoops {
  private ListenerLoops() {}

  static ListenerLoop forRecords(
      RecordListener listener,
      Consumer<byte[], byte[]> consumer,
      DeadLetters deadLetters,
      RetrySettings retry,
      Clock clock) {
    RetryBook book = new RetryBook();
    EventDecoder decoder =
        new EventDecoder(
            EventCodec.standard(), listener.eventTypes(), listener.acceptsTombstones());
    Parking parking = new Parking(deadLetters, listener.group().id(), book, retry);
    return new ListenerLoop(
        listener.group(),
        consumer,
        new RecordDelivery(listener, decoder, parking, book, retry),
        book,
        clock);
  }

  static ListenerLoop forBatches(
      BatchListener listener,
      Consumer<byte[], byte[]> consumer,
      DeadLetters deadLetters,
      RetrySettings retry,
      Clock clock) {
    RetryBook book = new RetryBook();
    EventDecoder decoder = new EventDecoder(EventCodec.standard(), listener.eventTypes(), false);
    Parking parking = new Parking(deadLetters, listener.group().id(), book, retry);
    return new ListenerLoop(
        listener.group(),
        consumer,
        new BatchDelivery(listener, decoder, parking, book, retry),
        book,
        clock);
  }

  static Consumer<byte[], byte[]> consumer(Properties properties) {
    return new KafkaConsumer<>(
        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
