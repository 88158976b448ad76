package dev.hallmark.policy.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/v1/signing-requests/{id}/approvals}. Both fields are checked by
 * {@link ApprovalController}, so that a problem names the field.
 *
 * @param decision {@code approve} or {@code reject}
 * @param comment optional, at most {@value ApprovalController#MAX_COMMENT} characters; a
 *     rejection's comment becomes part of the denial's reason
 */
@Serdeable
record ApprovalSubmission(@Nullable String decision, @Nullable String comment) {}
