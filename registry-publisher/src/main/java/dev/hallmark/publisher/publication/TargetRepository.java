package dev.hallmark.publisher.publication;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** Native queries over {@code publication_target}: the targets that are down. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TargetRepository extends GenericRepository<PublicationRow, Long> {

  /** Records one more failed probe of a target; it is probed again at {@code retryAt}. */
  @Query(
      value =
          "INSERT INTO publication_target (target, failures, retry_at) VALUES (:target, 1,"
              + " :retryAt) ON CONFLICT (target) DO UPDATE SET failures ="
              + " publication_target.failures + 1, retry_at = :retryAt",
      nativeQuery = true)
  void markDown(String target, Instant retryAt);

  /**
   * @return 1 if the target was down until now, 0 if it was not
   */
  @Query(value = "DELETE FROM publication_target WHERE target = :target", nativeQuery = true)
  int markUp(String target);
}
