package dev.hallmark.policy.decision;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PendingDecisionRepository extends GenericRepository<PendingDecisionRow, UUID> {

  /** Keeps an open request; the query binds the row's properties by name. */
  @Query(
      value =
          "INSERT INTO pending_decision (request_id, pending_event_id, signing_request, project,"
              + " policy, policy_version, submitter_kind, submitter, approval_group, required,"
              + " methods, key_id, pending_since, expires_at)"
              + " VALUES (:requestId, :pendingEventId, :signingRequest, :project, :policy,"
              + " :policyVersion, :submitterKind, :submitter, :approvalGroup, :required, :methods,"
              + " :keyId, :pendingSince, :expiresAt)",
      nativeQuery = true)
  void insert(PendingDecisionRow row);

  Optional<PendingDecisionRow> findById(UUID requestId);

  /**
   * The row, locked until the end of the transaction: approvals of one request, and its expiry,
   * queue up behind each other, so that each sees the verdicts before it.
   */
  @Query(
      value = "SELECT * FROM pending_decision WHERE request_id = :requestId FOR UPDATE",
      nativeQuery = true)
  Optional<PendingDecisionRow> lockById(UUID requestId);

  /**
   * Open requests past their expiry, locked; rows another transaction holds (an approval, another
   * instance's expiry job) are skipped, not waited for: that one settles them, or the next run
   * does.
   */
  @Query(
      value =
          "SELECT * FROM pending_decision WHERE settlement IS NULL AND expires_at <= :now"
              + " ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED",
      nativeQuery = true)
  List<PendingDecisionRow> lockExpired(Instant now, int limit);

  /** Open requests of a project that have not expired yet, oldest first. */
  @Query(
      value =
          "SELECT * FROM pending_decision WHERE settlement IS NULL AND expires_at > :now"
              + " AND project = :project ORDER BY pending_since, request_id",
      nativeQuery = true)
  List<PendingDecisionRow> findOpen(String project, Instant now);

  /**
   * Ends a pending request, if it is still open: of concurrent attempts exactly one gets 1.
   *
   * @return 1 if settled now, 0 if it was settled before
   */
  @Query(
      value =
          "UPDATE pending_decision SET settlement = :settlement, settled_at = :settledAt,"
              + " final_event_id = :finalEventId"
              + " WHERE request_id = :requestId AND settlement IS NULL",
      nativeQuery = true)
  int settle(UUID requestId, String settlement, Instant settledAt, UUID finalEventId);
}
