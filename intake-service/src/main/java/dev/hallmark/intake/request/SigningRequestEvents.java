package dev.hallmark.intake.request;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Maps an accepted request to its {@link SigningRequested} event. */
final class SigningRequestEvents {
  private SigningRequestEvents() {}

  static SigningRequested requested(
      UUID requestId,
      NewSigningRequest request,
      RequestSubmitter submitter,
      String webhookDeliveryId,
      Instant now) {
    return SigningRequested.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(requestId)
        .setOccurredAt(now)
        .setProject(request.project())
        .setSigningPolicy(request.signingPolicy())
        .setImages(request.images().stream().map(SigningRequestEvents::imageRef).toList())
        .setMethods(
            request.methods().stream()
                .map(method -> SigningMethod.valueOf(method.toUpperCase(Locale.ROOT)))
                .toList())
        .setSubmitter(
            Submitter.newBuilder()
                .setKind(submitter.kind())
                .setName(submitter.name())
                .setRemoteAddress(submitter.remoteAddress())
                .build())
        .setDescription(request.description())
        .setOrigin(request.origin() == null ? null : origin(request.origin()))
        .setWebhookDeliveryId(webhookDeliveryId)
        .build();
  }

  private static ImageRef imageRef(NewSigningRequest.Image image) {
    return ImageRef.newBuilder()
        .setRegistry(image.registry())
        .setRepository(image.repository())
        .setDigest(image.digest())
        .setTags(image.tags())
        .build();
  }

  private static Origin origin(RequestOrigin origin) {
    return Origin.newBuilder()
        .setRepositoryUrl(origin.repositoryUrl())
        .setRef(origin.ref())
        .setCommit(origin.commit())
        .setBuildUrl(origin.buildUrl())
        .setVerified(origin.verified())
        .setIssuer(origin.issuer())
        .setClaims(origin.claims())
        .build();
  }
}
