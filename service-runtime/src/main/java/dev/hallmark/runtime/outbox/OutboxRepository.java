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
  /** The relay's lock key is {@code hashtextextended(RELAY_LOCK_PREFIX || schema, 0)}. */
  String RELAY_LOCK_PREFIX = "hallmark-outbox-relay.";

  /**
   * Claims this schema's outbox for the transaction, or answers false at once when another relay
   * (another instance of the service) has it. One relay sends at a time, so rows reach Kafka in id
   * order: with row locks alone, two relays would send batches side by side, and a later row could
   * overtake an earlier one of the same key (a final decision its pending one, an audit entry the
   * entry before it). The key names the schema, which every service owns alone.
   */
  @Query(
      value =
          "SELECT pg_try_advisory_xact_lock(hashtextextended('"
              + RELAY_LOCK_PREFIX
              + "' || current_schema(), 0))",
      nativeQuery = true)
  boolean tryClaimRelay();

  /**
   * The oldest pending messages, locked for this transaction (SKIP LOCKED is kept as a second
   * guard: the relay's claim already keeps other relays out).
   */
  @Query(
      value = "SELECT * FROM outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
      nativeQuery = true)
  List<OutboxMessage> lockOldest(int limit);

  void deleteByIdIn(List<Long> ids);
}
