package dev.hallmark.intake.request;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyKeyRepository extends GenericRepository<SigningRequestRow, UUID> {

  /**
   * Claims a key for a new request. A concurrent claim of the same key waits for this one and then
   * finds it taken.
   *
   * @return 1 if claimed, 0 if the key was already used
   */
  @Query(
      value =
          "INSERT INTO idempotency_key (submitter, idempotency_key, request_id, request_sha256,"
              + " created_at) VALUES (:submitter, :key, :requestId, :requestSha256, :now)"
              + " ON CONFLICT DO NOTHING",
      nativeQuery = true)
  int claim(String submitter, String key, UUID requestId, String requestSha256, Instant now);

  @Query(
      value =
          "SELECT request_id, request_sha256 FROM idempotency_key"
              + " WHERE submitter = :submitter AND idempotency_key = :key",
      nativeQuery = true)
  Optional<ClaimedKey> find(String submitter, String key);

  /** The request a key was first used for, and a hash of that submission. */
  @io.micronaut.core.annotation.Introspected
  record ClaimedKey(UUID requestId, String requestSha256) {}
}
