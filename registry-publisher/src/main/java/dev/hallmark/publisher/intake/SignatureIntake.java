package dev.hallmark.publisher.intake;

import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.publisher.publication.PublicationQueue;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Takes one polled batch of the signatures topic: {@link SigningFailed} and {@link
 * DecisionRejected} are skipped (nothing was signed), other records that do not decode to a {@link
 * SignatureCreated} are parked as dead letters; the signatures are recorded as pending publications
 * in one transaction ({@link PublicationQueue}) and published later by the publication worker, so
 * the batch's offsets move on at once, whatever state the registries are in. An infrastructure
 * failure (database down) is rethrown and the batch is delivered again; recording is idempotent.
 */
@Singleton
public class SignatureIntake {
  private final PublicationQueue queue;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  SignatureIntake(PublicationQueue queue, DeadLetterPublisher deadLetters) {
    this.queue = queue;
    this.deadLetters = deadLetters;
  }

  public void process(ConsumerRecords<byte[], byte[]> records) {
    List<SignatureCreated> signatures = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
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
        signatures.add(created);
      } catch (EventDecodingException e) {
        deadLetters.park(record, e.getMessage());
      }
    }
    if (!signatures.isEmpty()) {
      queue.enqueue(signatures);
    }
  }
}
