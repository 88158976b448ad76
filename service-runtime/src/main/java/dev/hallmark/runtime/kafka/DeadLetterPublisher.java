package dev.hallmark.runtime.kafka;

import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Parks an event that cannot be processed on this service's dead-letter topic, with the reason and
 * where it came from, before its offset is committed: a bad event is set aside, not lost.
 */
@Singleton
public class DeadLetterPublisher {
  private static final long SEND_TIMEOUT_SECONDS = 30;
  private final Producer<byte[], byte[]> producer;
  private final String topic;

  /**
   * @param service the running service ({@code micronaut.application.name}); it writes only its own
   *     dead-letter topic
   */
  DeadLetterPublisher(
      @KafkaClient("dead-letter") Producer<byte[], byte[]> producer,
      @Value("${micronaut.application.name}") String service) {
    this.producer = producer;
    this.topic = Topics.deadLetterFor(service).name();
  }

  public void park(ConsumerRecord<byte[], byte[]> record, String reason) {
    ProducerRecord<byte[], byte[]> parked =
        new ProducerRecord<>(topic, record.key(), record.value());
    Headers headers = parked.headers();
    headers.add(DeadLetterHeaders.REASON, utf8(reason));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    try {
      producer.send(parked).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parking a dead letter", e);
    } catch (ExecutionException | TimeoutException e) {
      // Rethrown so that the offset is not committed and the record is retried.
      throw new IllegalStateException("could not park a dead letter", e);
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
