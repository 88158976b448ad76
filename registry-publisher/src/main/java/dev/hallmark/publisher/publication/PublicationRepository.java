package dev.hallmark.publisher.publication;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Native queries over {@code publication}: pending work, its claims and its end. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PublicationRepository extends GenericRepository<PublicationRow, Long> {

  /**
   * Records a signature to publish, once.
   *
   * @return 1 if recorded now, 0 if this signature (digest, method, key, payload) was recorded
   *     before (pending, published or failed)
   */
  default int insertPending(PendingPublication row) {
    return insertPending(
        row.eventId(),
        row.requestId(),
        row.registry(),
        row.repository(),
        row.digest(),
        row.method(),
        row.keyId(),
        row.payloadDigest(),
        row.target(),
        row.event(),
        row.now());
  }

  // Micronaut Data binds an entity argument of an INSERT query through its save interceptor,
  // which always answers 1; the ON CONFLICT outcome needs the real row count, so the query keeps
  // one argument per column and insertPending(PendingPublication) is its only caller.
  @Query(
      value =
          "INSERT INTO publication (event_id, request_id, registry, repository, digest, method,"
              + " key_id, payload_digest, status, attempts, target, event, pending_since,"
              + " next_attempt_at) VALUES (:eventId, :requestId, :registry, :repository, :digest,"
              + " :method, :keyId, :payloadDigest, 'PENDING', 0, :target, :event, :now, :now)"
              + " ON CONFLICT ON CONSTRAINT publication_once DO NOTHING",
      nativeQuery = true)
  int insertPending(
      UUID eventId,
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId,
      String payloadDigest,
      String target,
      byte[] event,
      Instant now);

  /**
   * A signature to publish, as {@link #insertPending(PendingPublication)} records it.
   *
   * @param target the publication target ({@code PublicationTargets}) whose outages it waits out
   * @param event the {@code SignatureCreated} in single-object encoding, published later from it
   * @param now when it was recorded: its pending-since and first due time
   */
  record PendingPublication(
      UUID eventId,
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId,
      String payloadDigest,
      String target,
      byte[] event,
      Instant now) {}

  /**
   * Pending rows that are due and not held by another instance, oldest first, locked for this
   * transaction. A target that is down ({@code publication_target}) gives only its oldest pending
   * row, and only once its retry time has come: one probe, not one request per waiting row.
   */
  @Query(
      value =
          "SELECT p.* FROM publication p LEFT JOIN publication_target t ON t.target = p.target"
              + " WHERE p.status = 'PENDING' AND p.next_attempt_at <= :now"
              + " AND (p.lease_until IS NULL OR p.lease_until <= :now)"
              + " AND (t.target IS NULL OR (t.retry_at <= :now AND p.id = (SELECT min(q.id)"
              + " FROM publication q WHERE q.target = p.target AND q.status = 'PENDING')))"
              + " ORDER BY p.id LIMIT :limit FOR UPDATE OF p SKIP LOCKED",
      nativeQuery = true)
  List<PublicationRow> lockDue(Instant now, int limit);

  @Query(
      value = "UPDATE publication SET lease_until = :until WHERE id IN (:ids)",
      nativeQuery = true)
  void lease(List<Long> ids, Instant until);

  /**
   * Ends a pending row.
   *
   * @return 1 if ended now, 0 if it was not pending any more (another instance ended it)
   */
  @Query(
      value =
          "UPDATE publication SET status = :status, location = :location, reason = :reason,"
              + " attempts = :attempts, completed_at = :now, next_attempt_at = NULL,"
              + " lease_until = NULL WHERE id = :id AND status = 'PENDING'",
      nativeQuery = true)
  int finish(
      long id,
      String status,
      @Nullable String location,
      @Nullable String reason,
      int attempts,
      Instant now);

  /** Schedules a pending row's next attempt, keeping why the last one failed. */
  @Query(
      value =
          "UPDATE publication SET attempts = :attempts, reason = :reason,"
              + " next_attempt_at = :next, lease_until = NULL WHERE id = :id AND status = 'PENDING'",
      nativeQuery = true)
  int reschedule(long id, int attempts, String reason, Instant next);

  /**
   * Makes every waiting row of a target due now (the target answers again).
   *
   * @return the target's pending rows
   */
  @Query(
      value =
          "UPDATE publication SET next_attempt_at = LEAST(next_attempt_at, :now)"
              + " WHERE target = :target AND status = 'PENDING'",
      nativeQuery = true)
  int resumeTarget(String target, Instant now);

  /**
   * Makes a request's FAILED rows pending again, in one conditional statement: of two re-drives at
   * the same time, one changes the rows and the other finds none FAILED.
   *
   * @return rows made pending
   */
  @Query(
      value =
          "UPDATE publication SET status = 'PENDING', attempts = 0, location = NULL,"
              + " reason = NULL, completed_at = NULL, pending_since = :now, next_attempt_at = :now,"
              + " lease_until = NULL WHERE request_id = :requestId AND status = 'FAILED'"
              + " AND event IS NOT NULL",
      nativeQuery = true)
  int redrive(UUID requestId, Instant now);

  List<PublicationRow> findByRequestIdOrderById(UUID requestId);

  List<PublicationRow> findByDigestOrderById(String digest);
}
