package dev.hallmark.publisher.publication;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PublicationRepository extends GenericRepository<PublicationRow, Long> {

  boolean existsByDigestAndMethodAndKeyIdAndPayloadDigest(
      String digest, String method, String keyId, String payloadDigest);

  /**
   * Records a finished publication once.
   *
   * @return 1 if recorded now, 0 if this signature (digest, method, key, payload) was recorded
   *     before
   */
  @Query(
      value =
          "INSERT INTO publication (event_id, request_id, registry, repository, digest, method,"
              + " key_id, payload_digest, status, location, reason, attempts, completed_at)"
              + " VALUES (:eventId, :requestId, :registry, :repository, :digest, :method, :keyId,"
              + " :payloadDigest, :status, :location, :reason, :attempts, :completedAt)"
              + " ON CONFLICT ON CONSTRAINT publication_once DO NOTHING",
      nativeQuery = true)
  int insertOnce(
      UUID eventId,
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId,
      String payloadDigest,
      String status,
      @Nullable String location,
      @Nullable String reason,
      int attempts,
      Instant completedAt);

  List<PublicationRow> findByDigestOrderById(String digest);
}
