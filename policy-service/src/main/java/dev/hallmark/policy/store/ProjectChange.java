package dev.hallmark.policy.store;

import dev.hallmark.policy.model.Project;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change the store applied to a project: a new revision.
 *
 * @param project the project's name
 * @param revision the new revision
 * @param created whether the project did not exist (or was deleted) before
 * @param deleted whether the change deleted the project
 * @param policyVersions every policy of the new revision with its version
 * @param changedPolicies the policies that got a new version in this revision
 * @param rules the project as decisions see it; null when deleted
 * @param document the project's document, with the token hashes {@code rules} does not carry; empty
 *     when deleted
 * @param changedAt when
 * @param changedBy who: an admin's name, or {@code policy-as-code}
 */
public record ProjectChange(
    String project,
    long revision,
    boolean created,
    boolean deleted,
    Map<String, Integer> policyVersions,
    List<String> changedPolicies,
    @Nullable Project rules,
    Map<String, Object> document,
    Instant changedAt,
    String changedBy) {}
