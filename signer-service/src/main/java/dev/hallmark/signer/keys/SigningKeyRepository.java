package dev.hallmark.signer.keys;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SigningKeyRepository extends CrudRepository<SigningKeyRow, String> {

  /**
   * Takes a transaction-scoped PostgreSQL advisory lock, so that instances starting together do not
   * both generate a missing key in a shared token.
   */
  @Query(
      value = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lockId)) AS locked",
      nativeQuery = true)
  int lockProvisioning(long lockId);
}
