package dev.hallmark.audit.ledger;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the pre-ledger entries at start, so the audit API shows them before the first new event
 * arrives. If the database is not reachable yet, the first append does it instead.
 */
@Singleton
class PreLedgerStartup {
  private static final Logger LOG = LoggerFactory.getLogger(PreLedgerStartup.class);
  private final LedgerAppender appender;

  PreLedgerStartup(LedgerAppender appender) {
    this.appender = appender;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    try {
      appender.importPreLedgerEntries();
    } catch (RuntimeException e) {
      LOG.warn(
          "could not import the pre-ledger entries yet; the first append will: {}", e.toString());
    }
  }
}
