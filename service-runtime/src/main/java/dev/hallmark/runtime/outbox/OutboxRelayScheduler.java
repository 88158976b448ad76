package dev.hallmark.runtime.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drives {@link OutboxRelay}: drains the outbox, then waits for the next tick. */
@Singleton
@Requires(property = OutboxSettings.ENABLED, value = "true")
final class OutboxRelayScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayScheduler.class);
  private final OutboxRelay relay;
  private boolean failing;

  OutboxRelayScheduler(OutboxRelay relay) {
    this.relay = relay;
  }

  @Scheduled(fixedDelay = "${hallmark.outbox.poll-interval:100ms}", initialDelay = "1s")
  void drain() {
    try {
      while (relay.relayBatch() > 0) {
        // keep draining while there is a backlog
      }
      if (failing) {
        LOG.info("outbox relay recovered");
        failing = false;
      }
    } catch (RuntimeException e) {
      // The rows stay in the outbox; log once per outage, not once per tick.
      if (!failing) {
        LOG.warn("outbox relay failed, will retry: {}", e.getMessage());
        failing = true;
      }
    }
  }
}
