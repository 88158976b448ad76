package dev.hallmark.policy.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The {@code policy_version} table: every version of every policy, insert-only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PolicyVersionRepository extends GenericRepository<PolicyVersionRow, String> {
  String COLUMNS =
      "project, policy, version, content_sha256, document::text AS document, project_revision,"
          + " created_at, created_by";

  /** The latest version of each policy of a project, deleted policies included. */
  @Query(
      value =
          "SELECT DISTINCT ON (policy) "
              + COLUMNS
              + " FROM policy_version WHERE project = :project ORDER BY policy, version DESC",
      nativeQuery = true)
  List<PolicyVersionRow> findLatestOfProject(String project);

  /** The latest version of each policy of every project. */
  @Query(
      value =
          "SELECT DISTINCT ON (project, policy) "
              + COLUMNS
              + " FROM policy_version ORDER BY project, policy, version DESC",
      nativeQuery = true)
  List<PolicyVersionRow> findLatest();

  @Query(
      value =
          "SELECT "
              + COLUMNS
              + " FROM policy_version WHERE project = :project AND policy = :policy"
              + " ORDER BY version",
      nativeQuery = true)
  List<PolicyVersionRow> findVersions(String project, String policy);

  @Query(
      value =
          "SELECT "
              + COLUMNS
              + " FROM policy_version WHERE project = :project AND policy = :policy"
              + " AND version = :version",
      nativeQuery = true)
  Optional<PolicyVersionRow> findVersion(String project, String policy, int version);

  /** Adds a version; the query binds the row's properties by name. */
  @Query(
      value =
          "INSERT INTO policy_version (project, policy, version, content_sha256, document,"
              + " project_revision, created_at, created_by) VALUES (:project, :policy, :version,"
              + " :contentSha256, CAST(:document AS jsonb), :projectRevision, :createdAt,"
              + " :createdBy)",
      nativeQuery = true)
  void insert(PolicyVersionRow row);
}
