package dev.hallmark.policy.store;

import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One version of one policy ({@code policy_version} table).
 *
 * @param document the policy block of that version as JSON text
 */
@MappedEntity("policy_version")
public record PolicyVersionRow(
    String project,
    String policy,
    int version,
    String contentSha256,
    String document,
    long projectRevision,
    Instant createdAt,
    String createdBy) {}
