package dev.hallmark.publisher.publication;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's second chance for a request whose publication FAILED (the registry refused, the
 * trust data was broken, and someone fixed it): its FAILED publications become pending again and
 * are published like new ones. Resetting is one conditional UPDATE, so a re-drive happens once: a
 * second one, while pending or after success, is refused.
 */
@Singleton
public class PublicationRedrive {
  private static final Logger LOG = LoggerFactory.getLogger(PublicationRedrive.class);
  private final PublicationRepository publications;
  private final ApplicationEventPublisher<PublicationQueue.Queued> queued;
  private final Clock clock;

  PublicationRedrive(
      PublicationRepository publications,
      ApplicationEventPublisher<PublicationQueue.Queued> queued,
      Clock clock) {
    this.publications = publications;
    this.queued = queued;
    this.clock = clock;
  }

  /** Why a re-drive was refused. */
  public static final class RedriveRefusedException extends RuntimeException {
    private final boolean unknown;

    RedriveRefusedException(boolean unknown, String message) {
      super(message);
      this.unknown = unknown;
    }

    /** True: no publication of the request is known; false: none of them is FAILED. */
    public boolean unknown() {
      return unknown;
    }
  }

  /**
   * @param operator who asked, for the log
   * @return how many publications are pending again
   * @throws RedriveRefusedException when the request has no publication here, or none FAILED
   */
  @Transactional
  public int redrive(UUID requestId, String operator) {
    int redriven = publications.redrive(requestId, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    if (redriven > 0) {
      queued.publishEvent(new PublicationQueue.Queued(redriven));
      LOG.info(
          "re-drive of request {} by {}: {} failed publication(s) pending again",
          requestId,
          operator,
          redriven);
      return redriven;
    }
    List<PublicationRow> rows = publications.findByRequestIdOrderById(requestId);
    if (rows.isEmpty()) {
      throw new RedriveRefusedException(true, "no publication of request " + requestId);
    }
    if (rows.stream().anyMatch(row -> PublicationRow.FAILED.equals(row.status()))) {
      throw new RedriveRefusedException(
          false,
          "request "
              + requestId
              + " failed before publications were kept for re-drive; sign the image again");
    }
    long pending = rows.stream().filter(row -> PublicationRow.PENDING.equals(row.status())).count();
    throw new RedriveRefusedException(
        false,
        "request "
            + requestId
            + " has no FAILED publication ("
            + pending
            + " pending, "
            + (rows.size() - pending)
            + " published)");
  }
}
