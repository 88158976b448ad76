package dev.hallmark.publisher.publication;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which publication targets (registry hosts, the Notary server) are down, shared by every instance
 * through {@code publication_target}. While a target is down only one probe at a time goes to it
 * ({@link PublicationRepository#lockDue}); the first answer ends the outage and makes its waiting
 * publications due at once instead of each waiting out its own backoff.
 */
@Singleton
public class TargetHealth {
  private static final Logger LOG = LoggerFactory.getLogger(TargetHealth.class);
  private final TargetRepository targets;
  private final PublicationRepository publications;
  private final Clock clock;

  TargetHealth(TargetRepository targets, PublicationRepository publications, Clock clock) {
    this.targets = targets;
    this.publications = publications;
    this.clock = clock;
  }

  @Transactional
  public void down(String target, Instant retryAt) {
    targets.markDown(target, retryAt);
  }

  /**
   * The target answered (published, or refused for a reason of the publication's own).
   *
   * @return true if it was down until now (its waiting publications are due now)
   */
  @Transactional
  public boolean answered(String target) {
    if (targets.markUp(target) == 0) {
      return false;
    }
    int resumed = publications.resumeTarget(target, clock.instant());
    LOG.info("{} answers again; {} waiting publication(s) resumed", target, resumed);
    return true;
  }
}
