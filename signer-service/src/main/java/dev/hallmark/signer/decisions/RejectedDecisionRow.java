package dev.hallmark.signer.decisions;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code signer.rejected_decision}: a decision refused as not authenticated, once per
 * decision event id. {@code eventId} is the id of the {@code DecisionRejected} that announced it.
 */
@MappedEntity("rejected_decision")
public record RejectedDecisionRow(
    @Id UUID decisionEventId, UUID eventId, UUID requestId, String reason, Instant rejectedAt) {}
