package dev.hallmark.publisher.publication;

import dev.hallmark.events.SignatureCreated;
import dev.hallmark.publisher.concurrent.KeyedExecutor;
import dev.hallmark.publisher.registry.PublisherSettings;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes pending publications: one thread of its own claims due rows ({@link PublicationClaims})
 * up to the free capacity ({@code hallmark.publisher.threads} attempts at a time) and hands each to
 * the blocking {@link KeyedExecutor}, keyed by image so that one digest's signatures are written
 * one after the other, in the order they arrived. It claims again when new rows were recorded, an
 * attempt ended, or a target answered again, and otherwise every {@code
 * hallmark.publisher.retry.poll-interval}.
 */
@Singleton
class PublicationWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PublicationWorker.class);
  private final PublicationClaims claims;
  private final PublicationService publications;
  private final KeyedExecutor executor;
  private final int capacity;
  private final long pollMillis;
  private final EventCodec codec = EventCodec.standard();
  private final AtomicInteger running = new AtomicInteger();
  private final Semaphore wakeUps = new Semaphore(0);
  private final Thread thread;
  private volatile boolean stopped;
  private boolean failing;

  PublicationWorker(
      PublicationClaims claims,
      PublicationService publications,
      KeyedExecutor executor,
      PublisherSettings settings,
      RetrySettings retry) {
    this.claims = claims;
    this.publications = publications;
    this.executor = executor;
    this.capacity = settings.threads();
    this.pollMillis = retry.pollInterval().toMillis();
    this.thread = new Thread(this::run, "publication-worker");
    thread.setDaemon(true);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    thread.start();
  }

  @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
  void onQueued(PublicationQueue.Queued event) {
    wakeUps.release();
  }

  /**
   * Stops claiming and lets running attempts record their result while the database is still there:
   * a row left leased by a clean shutdown would wait out its lease before anyone retried it.
   */
  @PreDestroy
  void stop() throws InterruptedException {
    stopped = true;
    wakeUps.release();
    thread.join(pollMillis + 5_000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (running.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private void run() {
    while (!stopped) {
      claimAndSubmit();
      try {
        wakeUps.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void claimAndSubmit() {
    int free = capacity - running.get();
    if (free <= 0) {
      return;
    }
    List<PublicationRow> due;
    try {
      due = claims.claim(free);
      if (failing) {
        LOG.info("publication worker reaches the database again");
        failing = false;
      }
    } catch (RuntimeException e) {
      // The rows stay pending; log once per outage, not once per tick.
      if (!failing) {
        LOG.warn("publication worker cannot claim publications, will retry: {}", e.getMessage());
        failing = true;
      }
      return;
    }
    for (PublicationRow row : due) {
      SignatureCreated signature;
      try {
        signature = codec.decode(row.event(), SignatureCreated.class);
      } catch (RuntimeException e) {
        // Written by this service with the same codec; if it ever does not decode, the row stays
        // pending and is retried after its lease, and operators see why.
        LOG.error("publication {}: stored event does not decode: {}", row.id(), e.getMessage());
        continue;
      }
      running.incrementAndGet();
      executor
          .submit(Topics.imageKey(signature.getImage()), () -> publications.attempt(row, signature))
          .whenComplete(
              (targetResumed, error) -> {
                running.decrementAndGet();
                if (error != null) {
                  // Database down mid-attempt: the lease runs out and the row is attempted again.
                  LOG.warn(
                      "publication {} not recorded, retried later: {}", row.id(), error.toString());
                }
                wakeUps.release();
              });
    }
  }
}
