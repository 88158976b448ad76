package dev.hallmark.policy.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * The current state of a project ({@code project} table).
 *
 * @param document the project document as JSON text
 */
@MappedEntity("project")
public record ProjectRow(
    @Id String name,
    long revision,
    String source,
    boolean deleted,
    String document,
    Instant updatedAt,
    String updatedBy) {}
