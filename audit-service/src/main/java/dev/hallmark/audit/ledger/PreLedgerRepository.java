package dev.hallmark.audit.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PreLedgerRepository extends GenericRepository<PreLedgerEntry, Long> {

  @Query(
      value = "SELECT * FROM audit_entry WHERE seq > :afterSeq ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<PreLedgerEntry> findPage(long afterSeq, int limit);
}
