package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SigningRequestRepository extends CrudRepository<SigningRequestRow, UUID> {

  /** The row, locked until the end of the transaction: status changes of one request queue up. */
  @Query(value = "SELECT * FROM signing_request WHERE id = :id FOR UPDATE", nativeQuery = true)
  Optional<SigningRequestRow> lockById(UUID id);

  @Query(
      value =
          "UPDATE signing_request SET status = :status, reason = :reason, updated_at = :now"
              + " WHERE id = :id",
      nativeQuery = true)
  void updateStatus(UUID id, String status, @Nullable String reason, Instant now);

  /** What the latest decision says decided the request: policy version and approvers. */
  @Query(
      value =
          "UPDATE signing_request SET policy_version = :policyVersion, approvers = :approvers"
              + " WHERE id = :id",
      nativeQuery = true)
  void updateDecidedBy(UUID id, int policyVersion, @Nullable String approvers);

  @Query(
      value =
          "UPDATE signing_request SET expected_signatures = :expected, updated_at = :now"
              + " WHERE id = :id",
      nativeQuery = true)
  void updateExpectedSignatures(UUID id, int expected, Instant now);
}
