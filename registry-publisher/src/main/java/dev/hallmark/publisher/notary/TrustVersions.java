package dev.hallmark.publisher.notary;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * The highest version of each role of each GUN that registry-publisher has verified: a server that
 * later serves a lower one rolled back, and is not trusted (TUF's rollback protection, kept across
 * restarts).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TrustVersions extends GenericRepository<TrustVersionRow, Long> {

  List<TrustVersionRow> findByGun(String gun);

  /**
   * Serializes publications of one GUN, across threads and instances, until the transaction ends:
   * two documents built from the same version would have one of them refused.
   */
  @Query(
      value = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:gun, 0))",
      nativeQuery = true)
  Integer lockGun(String gun);

  /** Raises the recorded version; never lowers it. */
  @Query(
      value =
          "INSERT INTO notary_role_version (gun, role, version) VALUES (:gun, :role, :version)"
              + " ON CONFLICT (gun, role) DO UPDATE"
              + " SET version = GREATEST(notary_role_version.version, EXCLUDED.version)",
      nativeQuery = true)
  void raise(String gun, String role, long version);
}
