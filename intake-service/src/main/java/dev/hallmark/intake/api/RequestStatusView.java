package dev.hallmark.intake.api;

import dev.hallmark.intake.request.ImageRow;
import dev.hallmark.intake.request.OutcomeRow;
import dev.hallmark.intake.request.SigningRequestRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * What a client sees of a request: status, reason, what decided it (the policy version applied and
 * who approved), and per image the signatures published.
 */
@Serdeable
record RequestStatusView(
    String id,
    String status,
    @Nullable String reason,
    String project,
    String signingPolicy,
    @Nullable Integer policyVersion,
    List<String> approvers,
    String submittedBy,
    Instant createdAt,
    Instant updatedAt,
    String location,
    List<ArtifactView> artifacts) {

  static RequestStatusView of(
      SigningRequestRow row, List<ImageRow> images, List<OutcomeRow> outcomes) {
    return new RequestStatusView(
        row.id().toString(),
        row.status(),
        row.reason(),
        row.project(),
        row.signingPolicy(),
        row.policyVersion(),
        row.approvers() == null ? List.of() : List.of(row.approvers().split(", ")),
        row.submittedBy(),
        row.createdAt(),
        row.updatedAt(),
        "/api/v1/signing-requests/" + row.id(),
        images.stream().map(image -> ArtifactView.of(image, outcomes)).toList());
  }

  /** One image of the request. */
  @Serdeable
  record ArtifactView(
      String repository, String digest, List<String> tags, List<SignatureView> signatures) {
    static ArtifactView of(ImageRow image, List<OutcomeRow> outcomes) {
      return new ArtifactView(
          image.registry() + "/" + image.repository(),
          image.digest(),
          image.tagList(),
          outcomes.stream()
              .filter(
                  o ->
                      o.digest().equals(image.digest())
                          && o.repository().equals(image.repository())
                          && o.registry().equals(image.registry()))
              .map(SignatureView::of)
              .toList());
    }
  }

  /** A published signature, or a failed publication (then {@code failure} says why). */
  @Serdeable
  record SignatureView(
      String method,
      String keyId,
      @Nullable String location,
      @Nullable String failure,
      Instant time) {
    static SignatureView of(OutcomeRow outcome) {
      return new SignatureView(
          outcome.method().toLowerCase(java.util.Locale.ROOT),
          outcome.keyId(),
          outcome.location(),
          outcome.failure(),
          outcome.occurredAt());
    }
  }
}
