package dev.hallmark.publisher.signatures;

import dev.hallmark.events.SignatureCreated;
import dev.hallmark.publisher.concurrent.KeyedExecutor;
import dev.hallmark.publisher.publication.PublicationService;
import dev.hallmark.schemas.topics.Topics;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Takes the signatures of one polled batch of the signatures topic (decoded, and the events without
 * anything to publish left out, by {@code messaging.SignatureListener}) and publishes them in
 * parallel across image digests and in order within one digest ({@link KeyedExecutor}, key = {@link
 * Topics#imageKey}). Returns only when every publication of the batch has finished, so the batch's
 * offsets are committed after the work is done (at-least-once; {@link PublicationService} is
 * idempotent). An infrastructure failure (database down) is rethrown and the batch is delivered
 * again.
 */
@Singleton
public class SignatureIntake {
  private final PublicationService publications;
  private final KeyedExecutor executor;

  SignatureIntake(PublicationService publications, KeyedExecutor executor) {
    this.publications = publications;
    this.executor = executor;
  }

  public void process(List<SignatureCreated> signatures) {
    List<CompletableFuture<?>> running = new ArrayList<>();
    for (SignatureCreated signature : signatures) {
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
