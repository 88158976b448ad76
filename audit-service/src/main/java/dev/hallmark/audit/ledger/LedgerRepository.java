package dev.hallmark.audit.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;

/**
 * Writes and reads {@code audit.ledger_entry}. Appending is {@link LedgerAppender}'s; queries of
 * the audit API are in {@link LedgerQueries}.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerRepository extends GenericRepository<LedgerRow, Long> {

  /**
   * Serializes appends across threads and instances until the transaction ends: the next seq is
   * read and used under this lock, so seqs are gapless and commit in their order.
   */
  @Query(
      value = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('audit-ledger', 0))) l",
      nativeQuery = true)
  Integer lockAppends();

  /** The seq the next entry gets: one past the highest, 0 for an empty ledger. */
  @Query(value = "SELECT coalesce(max(seq) + 1, 0) FROM ledger_entry", nativeQuery = true)
  long nextSeq();

  /** Those of the event ids that are in the ledger already. */
  @Query(
      value = "SELECT event_id FROM ledger_entry WHERE event_id IN (:eventIds)",
      nativeQuery = true)
  List<String> findRecordedEventIds(Collection<String> eventIds);

  List<LedgerRow> saveAll(List<LedgerRow> rows);

  /** Entries from {@code fromSeq} on, in seq order, at most {@code limit}. */
  @Query(
      value = "SELECT * FROM ledger_entry WHERE seq >= :fromSeq ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<LedgerRow> findFrom(long fromSeq, int limit);

  @Query(value = "SELECT * FROM ledger_entry WHERE seq = :seq", nativeQuery = true)
  List<LedgerRow> findAllBySeq(long seq);
}
