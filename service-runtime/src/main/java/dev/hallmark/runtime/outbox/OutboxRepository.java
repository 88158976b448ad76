package dev.hallmark.runtime.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = OutboxSettings.ENABLED, value = "true")
public interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

  /**
   * The oldest pending messages, locked for this transaction. SKIP LOCKED lets several relay
   * instances share the table without sending the same row twice concurrently.
   */
  @Query(
      value = "SELECT * FROM outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
      nativeQuery = true)
  List<OutboxMessage> lockOldest(int limit);

  void deleteByIdIn(List<Long> ids);
}
