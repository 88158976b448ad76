package dev.hallmark.intake.request;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Native queries over {@code signature_outcome}, whose rows are {@link OutcomeRow}s. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutcomeRepository extends GenericRepository<OutcomeRow, UUID> {

  /**
   * Records an outcome once; a redelivered event changes nothing. The query binds the row's
   * properties by name.
   */
  @Query(
      value =
          "INSERT INTO signature_outcome (request_id, registry, repository, digest, method,"
              + " key_id, location, failure, occurred_at) VALUES (:requestId, :registry,"
              + " :repository, :digest, :method, :keyId, :location, :failure, :occurredAt)"
              + " ON CONFLICT DO NOTHING",
      nativeQuery = true)
  int insertOnce(OutcomeRow outcome);

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
