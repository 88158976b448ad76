package dev.hallmark.policy.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code project} and {@code project_revision} tables. Documents travel as JSON text. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectRepository extends GenericRepository<ProjectRow, String> {
  String COLUMNS =
      "name, revision, source, deleted, document::text AS document, updated_at, updated_by";

  /** The project's row, locked until the transaction ends: changes of a project are serialized. */
  @Query(
      value = "SELECT " + COLUMNS + " FROM project WHERE name = :name FOR UPDATE",
      nativeQuery = true)
  Optional<ProjectRow> lockByName(String name);

  @Query(value = "SELECT " + COLUMNS + " FROM project WHERE name = :name", nativeQuery = true)
  Optional<ProjectRow> findByName(String name);

  @Query(value = "SELECT " + COLUMNS + " FROM project ORDER BY name", nativeQuery = true)
  List<ProjectRow> findAllOrdered();

  /**
   * A deleted row at revision 0 for a project never seen, so that there is always a row to lock;
   * nothing when the project has a row.
   */
  @Query(
      value =
          "INSERT INTO project (name, revision, source, deleted, document, updated_at, updated_by)"
              + " VALUES (:name, 0, :source, true, '{}'::jsonb, :at, :by) ON CONFLICT (name) DO NOTHING",
      nativeQuery = true)
  void insertPlaceholder(String name, String source, Instant at, String by);

  /** Serializes the policy-as-code import of several instances starting at once. */
  @Query(
      value = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('policy-as-code-import', 0))",
      nativeQuery = true)
  Integer lockImport();

  /** Makes the row the project's current state; the query binds its properties by name. */
  @Query(
      value =
          "INSERT INTO project (name, revision, source, deleted, document, updated_at, updated_by)"
              + " VALUES (:name, :revision, :source, :deleted, CAST(:document AS jsonb),"
              + " :updatedAt, :updatedBy)"
              + " ON CONFLICT (name) DO UPDATE SET revision = EXCLUDED.revision,"
              + " source = EXCLUDED.source, deleted = EXCLUDED.deleted,"
              + " document = EXCLUDED.document, updated_at = EXCLUDED.updated_at,"
              + " updated_by = EXCLUDED.updated_by",
      nativeQuery = true)
  void upsert(ProjectRow row);

  /**
   * Keeps the row, as it is now current, in the project's history: the revision's change time and
   * author are the row's {@code updatedAt} and {@code updatedBy}.
   */
  @Query(
      value =
          "INSERT INTO project_revision (project, revision, source, deleted, document, changed_at,"
              + " changed_by) VALUES (:name, :revision, :source, :deleted,"
              + " CAST(:document AS jsonb), :updatedAt, :updatedBy)",
      nativeQuery = true)
  void insertRevision(ProjectRow row);

  /** The id of the latest change of any project; 0 before the first. */
  @Query(value = "SELECT COALESCE(MAX(change_id), 0) FROM project_revision", nativeQuery = true)
  long lastChangeId();
}
