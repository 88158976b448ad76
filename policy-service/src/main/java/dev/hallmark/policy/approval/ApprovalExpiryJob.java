package dev.hallmark.policy.approval;

import dev.hallmark.runtime.outbox.Outbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ApprovalExpiry} every {@code hallmark.policy.approvals.expiry-interval} (default 5
 * s): an expired request is denied at most that long after it expired. Without the outbox there is
 * nothing to announce decisions with, so no job.
 */
@Singleton
@Requires(beans = Outbox.class)
class ApprovalExpiryJob {
  private static final Logger LOG = LoggerFactory.getLogger(ApprovalExpiryJob.class);
  private final ApprovalExpiry expiry;
  private boolean failing;

  ApprovalExpiryJob(ApprovalExpiry expiry) {
    this.expiry = expiry;
  }

  @Scheduled(
      fixedDelay = "${hallmark.policy.approvals.expiry-interval:5s}",
      initialDelay = "${hallmark.policy.approvals.expiry-interval:5s}")
  void run() {
    try {
      int due;
      do {
        due = expiry.expireDue();
      } while (due == ApprovalExpiry.BATCH);
      if (failing) {
        LOG.info("approval expiry recovered");
        failing = false;
      }
    } catch (RuntimeException e) {
      // The requests stay pending and are denied by a later run; log once per outage.
      if (!failing) {
        LOG.warn("approval expiry failed, will retry: {}", e.getMessage());
        failing = true;
      }
    }
  }
}
