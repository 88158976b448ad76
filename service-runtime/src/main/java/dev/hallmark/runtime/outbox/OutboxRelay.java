package dev.hallmark.runtime.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Moves outbox rows to Kafka. A batch is deleted only after Kafka acknowledged every record of it
 * (acks=all, idempotent producer); if anything fails the transaction rolls back and the batch is
 * sent again later. Delivery is therefore at-least-once, and consumers dedupe by event id. Only one
 * relay per outbox sends at a time ({@link OutboxRepository#tryClaimRelay()}), so rows go out in id
 * order even with several instances.
 */
@Singleton
@Requires(property = OutboxSettings.ENABLED, value = "true")
public class OutboxRelay {
  static final String EVENT_TYPE_HEADER = "hallmark-event-type";

  private final OutboxRepository repository;
  private final Producer<String, byte[]> producer;
  private final int batchSize;
  private final Duration sendTimeout;

  OutboxRelay(
      OutboxRepository repository,
      @io.micronaut.configuration.kafka.annotation.KafkaClient("outbox-relay")
          Producer<String, byte[]> producer,
      @Value("${hallmark.outbox.batch-size:200}") int batchSize,
      @Value("${hallmark.outbox.send-timeout:30s}") Duration sendTimeout) {
    this.repository = repository;
    this.producer = producer;
    this.batchSize = batchSize;
    this.sendTimeout = sendTimeout;
  }

  /**
   * Relays one batch of the oldest rows.
   *
   * @return how many rows were relayed
   */
  @Transactional
  public int relayBatch() {
    if (!repository.tryClaimRelay()) {
      return 0; // another instance is relaying; it drains the table, this one tries again later
    }
    List<OutboxMessage> batch = repository.lockOldest(batchSize);
    if (batch.isEmpty()) {
      return 0;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
    for (OutboxMessage message : batch) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(message.topic(), message.messageKey(), message.payload());
      record.headers().add(EVENT_TYPE_HEADER, message.eventType().getBytes(StandardCharsets.UTF_8));
      acks.add(producer.send(record));
    }
    producer.flush();
    awaitAll(acks);
    repository.deleteByIdIn(batch.stream().map(OutboxMessage::id).toList());
    return batch.size();
  }

  private void awaitAll(List<Future<RecordMetadata>> acks) {
    long deadline = System.nanoTime() + sendTimeout.toNanos();
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboxRelayException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new OutboxRelayException("Kafka did not acknowledge the batch", e);
    }
  }
}
