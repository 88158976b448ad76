package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookDeliveryRepository extends GenericRepository<SigningRequestRow, UUID> {

  /**
   * @return 1 for the first delivery of a registry event, 0 for a redelivery
   */
  @Query(
      value =
          "INSERT INTO webhook_delivery (event_id, received_at, request_id)"
              + " VALUES (:eventId, :now, :requestId) ON CONFLICT DO NOTHING",
      nativeQuery = true)
  int recordOnce(String eventId, Instant now, @Nullable UUID requestId);
}
