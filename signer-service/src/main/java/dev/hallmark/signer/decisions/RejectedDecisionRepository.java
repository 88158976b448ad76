package dev.hallmark.signer.decisions;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RejectedDecisionRepository extends GenericRepository<RejectedDecisionRow, UUID> {

  /**
   * Records the rejection of a decision event once; a concurrent or repeated insert changes
   * nothing.
   *
   * @return 1 if recorded now, 0 if this decision event was rejected before
   */
  @Query(
      value =
          "INSERT INTO rejected_decision (decision_event_id, event_id, request_id, reason,"
              + " rejected_at) VALUES (:decisionEventId, :eventId, :requestId, :reason,"
              + " :rejectedAt) ON CONFLICT (decision_event_id) DO NOTHING",
      nativeQuery = true)
  int insertOnce(
      UUID decisionEventId, UUID eventId, UUID requestId, String reason, Instant rejectedAt);

  Optional<RejectedDecisionRow> findById(UUID decisionEventId);
}
