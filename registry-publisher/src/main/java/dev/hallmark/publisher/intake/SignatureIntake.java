package dev.hallmark.publisher.intake;

import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.publisher.concurrent.KeyedExecutor;
import dev.hallmark.publisher.publication.PublicationService;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import dev.hallmark.schemas.topics.Topics;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Takes one polled batch of the signatures topic: {@link SigningFailed} and {@link
 * DecisionRejected} are skipped (nothing was signed), other records that do not decode to a {@link
 * SignatureCreated} are parked as dead letters; the others are published in parallel across image
 * digests and in order within one digest ({@link KeyedExecutor}, key = {@link Topics#imageKey}).
 * Returns only when every publication of the batch has finished, so the batch's offsets are
 * committed after the work is done (at-least-once; {@link PublicationService} is idempotent). An
 * infrastructure failure (database down) is rethrown and the batch is delivered again.
 */
@Singleton
public class SignatureIntake {
  private final PublicationService publications;
  private final KeyedExecutor executor;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  SignatureIntake(
      PublicationService publications, KeyedExecutor executor, DeadLetterPublisher deadLetters) {
    this.publications = publications;
    this.executor = executor;
    this.deadLetters = deadLetters;
  }

  public void process(ConsumerRecords<byte[], byte[]> records) {
    List<CompletableFuture<?>> running = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      SignatureCreated signature;
      try {
        if (record.value() == null) {
          deadLetters.park(record, "record without a value");
          continue;
        }
        SpecificRecord event = codec.decode(record.value());
        if (event instanceof SigningFailed || event instanceof DecisionRejected) {
          continue; // nothing to publish; intake ends a failed request, audit records both
        }
        if (!(event instanceof SignatureCreated created)) {
          deadLetters.park(record, "unexpected event type " + event.getSchema().getName());
          continue;
        }
        signature = created;
      } catch (EventDecodingException e) {
        deadLetters.park(record, e.getMessage());
        continue;
      }
      running.add(
          executor.submit(
              Topics.imageKey(signature.getImage()), () -> publications.publish(signature)));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
  }
}
