package dev.hallmark.policy.decision;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code policy.decision}: the one decision on a signing request. */
@MappedEntity("decision")
public record DecisionRow(
    @Id UUID requestId,
    UUID eventId,
    String outcome,
    @Nullable String reason,
    String project,
    String policy,
    int policyVersion,
    @Nullable String keyId,
    Instant decidedAt) {}
