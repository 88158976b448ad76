package dev.hallmark.publisher.publication;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Claims due pending publications for this instance: locks them ({@code FOR UPDATE SKIP LOCKED}, so
 * instances never claim the same row) and leases them for {@link RetrySettings#lease()}, after
 * which another instance may take over a row whose attempt never ended (its instance crashed).
 */
@Singleton
public class PublicationClaims {
  private final PublicationRepository publications;
  private final RetrySettings retry;
  private final Clock clock;

  PublicationClaims(PublicationRepository publications, RetrySettings retry, Clock clock) {
    this.publications = publications;
    this.retry = retry;
    this.clock = clock;
  }

  @Transactional
  public List<PublicationRow> claim(int limit) {
    Instant now = clock.instant();
    List<PublicationRow> due = publications.lockDue(now, limit);
    if (!due.isEmpty()) {
      publications.lease(due.stream().map(PublicationRow::id).toList(), now.plus(retry.lease()));
    }
    return due;
  }
}
