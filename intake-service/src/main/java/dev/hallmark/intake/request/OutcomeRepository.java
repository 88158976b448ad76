package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
/** Native queries over {@code signature_outcome}, read as {@link OutcomeRow} projections. */
public interface OutcomeRepository extends GenericRepository<SigningRequestRow, UUID> {

  /**
   * Records an outcome once; a redelivered event changes nothing.
   *
   * @return 1 if recorded now, 0 if it was recorded before
   */
  default int insertOnce(OutcomeRow row) {
    return insertOnce(
        row.requestId(),
        row.registry(),
        row.repository(),
        row.digest(),
        row.method(),
        row.keyId(),
        row.location(),
        row.failure(),
        row.occurredAt());
  }

  // Micronaut Data binds an entity argument of an INSERT query through its save interceptor,
  // which always answers 1; the ON CONFLICT outcome needs the real row count, so the query keeps
  // one argument per column and this is the only caller.
  @Query(
      value =
          "INSERT INTO signature_outcome (request_id, registry, repository, digest, method,"
              + " key_id, location, failure, occurred_at) VALUES (:requestId, :registry,"
              + " :repository, :digest, :method, :keyId, :location, :failure, :occurredAt)"
              + " ON CONFLICT DO NOTHING",
      nativeQuery = true)
  int insertOnce(
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId,
      @Nullable String location,
      @Nullable String failure,
      Instant occurredAt);

  /**
   * Records a published signature; it replaces a failed publication of the same signature (an
   * operator re-drove it), never another published one.
   *
   * @return 1 if recorded or replaced now, 0 if it was published before
   */
  default int upsertPublished(OutcomeRow row) {
    return upsertPublished(
        row.requestId(),
        row.registry(),
        row.repository(),
        row.digest(),
        row.method(),
        row.keyId(),
        row.location(),
        row.occurredAt());
  }

  // One argument per column, as insertOnce: the upsert's row count matters.
  @Query(
      value =
          "INSERT INTO signature_outcome (request_id, registry, repository, digest, method,"
              + " key_id, location, failure, occurred_at) VALUES (:requestId, :registry,"
              + " :repository, :digest, :method, :keyId, :location, NULL, :occurredAt)"
              + " ON CONFLICT (request_id, registry, repository, digest, method, key_id)"
              + " DO UPDATE SET location = EXCLUDED.location, failure = NULL,"
              + " occurred_at = EXCLUDED.occurred_at WHERE signature_outcome.location IS NULL",
      nativeQuery = true)
  int upsertPublished(
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId,
      String location,
      Instant occurredAt);

  @Query(
      value = "SELECT * FROM signature_outcome WHERE request_id = :requestId ORDER BY occurred_at",
      nativeQuery = true)
  List<OutcomeRow> findByRequest(UUID requestId);

  @Query(
      value =
          "SELECT count(*) FROM signature_outcome WHERE request_id = :requestId"
              + " AND location IS NOT NULL",
      nativeQuery = true)
  int countPublished(UUID requestId);
}
