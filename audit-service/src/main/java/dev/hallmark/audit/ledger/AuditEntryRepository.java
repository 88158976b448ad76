package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEntryRepository extends GenericRepository<AuditEntry, Long> {

  /**
   * Records an event once: a redelivered event (same id) changes nothing.
   *
   * @return 1 if recorded now, 0 if it was already recorded
   */
  @Query(
      value =
          "INSERT INTO audit_entry (event_id, event_type, request_id, source_topic,"
              + " source_partition, source_offset, occurred_at, digests, reason)"
              + " VALUES (:eventId, :eventType, :requestId, :sourceTopic, :sourcePartition,"
              + " :sourceOffset, :occurredAt, :digests, :reason)"
              + " ON CONFLICT (event_id) DO NOTHING",
      nativeQuery = true)
  int insertOnce(
      String eventId,
      String eventType,
      @Nullable String requestId,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      Instant occurredAt,
      String digests,
      @Nullable String reason);

  @Query(
      value =
          "SELECT * FROM audit_entry WHERE strpos(digests, ' ' || :digest || ' ') > 0"
              + " ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<AuditEntry> findByDigest(String digest, int limit);

  List<AuditEntry> findByRequestIdOrderBySeq(String requestId);

  @Query(
      value = "SELECT * FROM audit_entry WHERE seq > :afterSeq ORDER BY seq LIMIT :limit",
      nativeQuery = true)
  List<AuditEntry> findPage(long afterSeq, int limit);
}
