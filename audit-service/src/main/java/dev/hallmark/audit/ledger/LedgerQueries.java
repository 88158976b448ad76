package dev.hallmark.audit.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * The searches of {@code GET /api/v1/audit}, oldest first, over the ledger's indexed columns. Kept
 * apart from appending so that queries can grow (filters, cursors, exports) without touching it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerQueries extends GenericRepository<LedgerRow, Long> {

  @Query(
      value = "SELECT * FROM ledger_entry WHERE request_id = :requestId ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<LedgerRow> findByRequestId(String requestId, int limit);

  @Query(
      value = "SELECT * FROM ledger_entry WHERE project = :project ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<LedgerRow> findByProject(String project, int limit);

  @Query(
      value =
          "SELECT * FROM ledger_entry WHERE strpos(digests, ' ' || :digest || ' ') > 0"
              + " ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<LedgerRow> findByDigest(String digest, int limit);

  /** A page of the ledger after {@code afterSeq} (exclusive); -1 starts at the first entry. */
  @Query(
      value = "SELECT * FROM ledger_entry WHERE seq > :afterSeq ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<LedgerRow> findPage(long afterSeq, int limit);
}
