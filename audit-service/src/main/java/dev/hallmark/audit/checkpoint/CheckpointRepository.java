package dev.hallmark.audit.checkpoint;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CheckpointRepository extends GenericRepository<CheckpointRow, Long> {

  /** Serializes checkpointing across instances until the transaction ends. */
  @Query(
      value =
          "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('audit-checkpoint', 0))) l",
      nativeQuery = true)
  Integer lockCheckpoints();

  @Query(value = "SELECT * FROM checkpoint ORDER BY tree_size DESC LIMIT 1", nativeQuery = true)
  Optional<CheckpointRow> findLatest();

  CheckpointRow save(CheckpointRow row);
}
