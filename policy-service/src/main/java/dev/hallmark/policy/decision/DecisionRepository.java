package dev.hallmark.policy.decision;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DecisionRepository extends GenericRepository<DecisionRow, UUID> {

  /**
   * Records the decision on a request once: a redelivered request changes nothing. A concurrent
   * insert of the same request waits for the other transaction and then does nothing.
   *
   * @return 1 if recorded now, 0 if the request was decided before
   */
  default int insertOnce(DecisionRow row) {
    return insertOnce(
        row.requestId(),
        row.eventId(),
        row.outcome(),
        row.reason(),
        row.project(),
        row.policy(),
        row.policyVersion(),
        row.keyId(),
        row.decidedAt());
  }

  // Micronaut Data binds an entity argument of an INSERT query through its save interceptor,
  // which always answers 1; the ON CONFLICT outcome needs the real row count, so the query keeps
  // one argument per column and this is the only caller.
  @Query(
      value =
          "INSERT INTO decision (request_id, event_id, outcome, reason, project, policy,"
              + " policy_version, key_id, decided_at)"
              + " VALUES (:requestId, :eventId, :outcome, :reason, :project, :policy,"
              + " :policyVersion, :keyId, :decidedAt) ON CONFLICT (request_id) DO NOTHING",
      nativeQuery = true)
  int insertOnce(
      UUID requestId,
      UUID eventId,
      String outcome,
      @Nullable String reason,
      String project,
      String policy,
      int policyVersion,
      @Nullable String keyId,
      Instant decidedAt);

  Optional<DecisionRow> findById(UUID requestId);

  /**
   * Replaces a request's {@code PENDING_APPROVAL} decision by its final one, the event that
   * announces it included: a row that is not pending any more is left alone.
   *
   * @return 1 if replaced now, 0 if the decision was not pending
   */
  @Query(
      value =
          "UPDATE decision SET event_id = :eventId, outcome = :outcome, reason = :reason,"
              + " key_id = :keyId, decided_at = :decidedAt"
              + " WHERE request_id = :requestId AND outcome = 'PENDING_APPROVAL'",
      nativeQuery = true)
  int settlePending(
      UUID requestId,
      UUID eventId,
      String outcome,
      @Nullable String reason,
      @Nullable String keyId,
      Instant decidedAt);
}
