package dev.hallmark.runtime.kafka;

import dev.hallmark.runtime.messaging.DeadLetters;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Parks a record that cannot be processed on this service's dead-letter topic before its offset is
 * committed: a bad record is set aside, not lost. The copy has the original key, value and headers
 * (e.g. {@code hallmark-event-type}), then the {@link DeadLetterHeaders}: reason, source topic,
 * partition and offset, consumer group and when it was parked, so that it can be replayed as it
 * was.
 */
@Singleton
public class DeadLetterPublisher implements DeadLetters {
  private static final long SEND_TIMEOUT_SECONDS = 30;
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Clock clock;

  /**
   * @param service the running service ({@code micronaut.application.name}); it writes only its own
   *     dead-letter topic
   */
  @Inject
  DeadLetterPublisher(
      @KafkaClient("dead-letter") Producer<byte[], byte[]> producer,
      @Value("${micronaut.application.name}") String service,
      Clock clock) {
    this(Topics.deadLetterFor(service).name(), producer, clock);
  }

  private DeadLetterPublisher(String topic, Producer<byte[], byte[]> producer, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  /** A publisher to the given topic; for tests that park outside a service. */
  public static DeadLetterPublisher toTopic(
      String topic, Producer<byte[], byte[]> producer, Clock clock) {
    return new DeadLetterPublisher(topic, producer, clock);
  }

  @Override
  public void park(ConsumerRecord<byte[], byte[]> record, String reason, String group) {
    ProducerRecord<byte[], byte[]> parked =
        new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    Headers headers = parked.headers();
    headers.add(DeadLetterHeaders.REASON, utf8(reason));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    headers.add(DeadLetterHeaders.CONSUMER_GROUP, utf8(group));
    headers.add(DeadLetterHeaders.PARKED_AT, utf8(clock.instant().toString()));
    try {
      producer.send(parked).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parking a dead letter", e);
    } catch (ExecutionException | TimeoutException e) {
      // Rethrown so that the offset is not committed and the record is tried again.
      throw new IllegalStateException("could not park a dead letter: " + e.getMessage(), e);
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
