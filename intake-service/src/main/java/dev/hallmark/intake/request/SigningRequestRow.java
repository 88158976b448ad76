package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code intake.signing_request}. */
@MappedEntity("signing_request")
public record SigningRequestRow(
    @Id UUID id,
    String project,
    String signingPolicy,
    String status,
    String submittedBy,
    String submitterKind,
    @Nullable String reason,
    @Nullable Integer expectedSignatures,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Integer policyVersion,
    @Nullable String approvers) {

  public RequestStatus statusValue() {
    return RequestStatus.valueOf(status);
  }
}
