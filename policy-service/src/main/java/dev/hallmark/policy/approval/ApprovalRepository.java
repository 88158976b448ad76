package dev.hallmark.policy.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApprovalRepository extends GenericRepository<ApprovalRow, Long> {

  @Query(
      value =
          "INSERT INTO approval (request_id, approver, verdict, comment, decided_at)"
              + " VALUES (:requestId, :approver, :verdict, :comment, :decidedAt)",
      nativeQuery = true)
  void insert(
      UUID requestId, String approver, String verdict, @Nullable String comment, Instant decidedAt);

  /** The verdicts on a request in the order they were given. */
  @Query(
      value = "SELECT * FROM approval WHERE request_id = :requestId ORDER BY decided_at, id",
      nativeQuery = true)
  List<ApprovalRow> findByRequest(UUID requestId);
}
