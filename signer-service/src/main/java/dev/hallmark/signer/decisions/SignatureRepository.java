package dev.hallmark.signer.decisions;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SignatureRepository extends GenericRepository<SignatureRow, UUID> {

  boolean existsByRequestIdAndRegistryAndRepositoryAndDigestAndMethodAndKeyId(
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId);

  /**
   * Records a signature once per natural key; a concurrent or repeated insert changes nothing.
   *
   * @return 1 if recorded now, 0 if it existed
   */
  default int insertOnce(SignatureRow row) {
    return insertOnce(
        row.id(),
        row.requestId(),
        row.registry(),
        row.repository(),
        row.digest(),
        row.method(),
        row.keyId(),
        row.payload(),
        row.signature(),
        row.payloadDigest(),
        row.createdAt());
  }

  // Micronaut Data binds an entity argument of an INSERT query through its save interceptor,
  // which always answers 1; the ON CONFLICT outcome needs the real row count, so the query keeps
  // one argument per column and this is the only caller.
  @Query(
      value =
          "INSERT INTO signature (id, request_id, registry, repository, digest, method, key_id,"
              + " payload, signature, payload_digest, created_at)"
              + " VALUES (:id, :requestId, :registry, :repository, :digest, :method, :keyId,"
              + " :payload, :signature, :payloadDigest, :createdAt)"
              + " ON CONFLICT (request_id, registry, repository, digest, method, key_id)"
              + " DO NOTHING",
      nativeQuery = true)
  int insertOnce(
      UUID id,
      UUID requestId,
      String registry,
      String repository,
      String digest,
      String method,
      String keyId,
      byte[] payload,
      byte[] signature,
      String payloadDigest,
      Instant createdAt);

  List<SignatureRow> findByRequestIdOrderByCreatedAt(UUID requestId);

  /** The signatures of one method a request got for one repository (e.g. its Notary grants). */
  List<SignatureRow> findByRequestIdAndRegistryAndRepositoryAndMethodOrderByCreatedAt(
      UUID requestId, String registry, String repository, String method);
}
