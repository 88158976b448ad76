package dev.hallmark.publisher.notary;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * The highest version of each role of each GUN that registry-publisher has verified, per pinned
 * root: a server that later serves a lower one rolled back, and is not trusted (TUF's rollback
 * protection, kept across restarts). A repository initialized again gets a new root, pinned anew,
 * and starts from version 1 without tripping the check.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TrustVersions extends GenericRepository<TrustVersionRow, Long> {

  List<TrustVersionRow> findByGunAndRootPin(String gun, String rootPin);

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
          "INSERT INTO notary_role_version (gun, root_pin, role, version)"
              + " VALUES (:gun, :rootPin, :role, :version)"
              + " ON CONFLICT (gun, root_pin, role) DO UPDATE"
              + " SET version = GREATEST(notary_role_version.version, EXCLUDED.version)",
      nativeQuery = true)
  void raise(String gun, String rootPin, String role, long version);
}
