package dev.hallmark.publisher.publication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.notary.TrustDataException;
import dev.hallmark.notary.TrustProblem;
import dev.hallmark.oci.DigestMismatchException;
import dev.hallmark.oci.Digests;
import dev.hallmark.oci.RegistryException;
import dev.hallmark.oci.RegistryRequestException;
import dev.hallmark.oci.RepositoryRef;
import dev.hallmark.publisher.concurrent.DigestLocks;
import dev.hallmark.publisher.cosign.CosignLayer;
import dev.hallmark.publisher.cosign.CosignSignatureStore;
import dev.hallmark.publisher.cosign.InvalidSignatureManifestException;
import dev.hallmark.publisher.cosign.LostUpdateException;
import dev.hallmark.publisher.notary.NotaryGrant;
import dev.hallmark.publisher.notary.NotaryPublisher;
import dev.hallmark.publisher.notary.SignerClient;
import dev.hallmark.schemas.topics.Topics;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt at a pending publication and records what came of it: published or failed
 * ({@link PublicationOutcomes#finish}), or tried again later ({@link
 * PublicationOutcomes#retryLater}) when a retry can fix the failure. {@code COSIGN} signatures go
 * to the registry ({@link CosignSignatureStore}), {@code NOTARY} grants to the Notary server
 * ({@link NotaryPublisher}); other methods end FAILED.
 */
@Singleton
public class PublicationService {
  private static final Logger LOG = LoggerFactory.getLogger(PublicationService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Registry errors that a later attempt may not see (garbage collection, replication lag). */
  private static final Set<String> RETRYABLE_CODES =
      Set.of("BLOB_UNKNOWN", "MANIFEST_BLOB_UNKNOWN");

  private final PublicationOutcomes outcomes;
  private final TargetHealth targets;
  private final CosignSignatureStore cosign;
  private final DigestLocks locks;
  private final RetrySettings retry;
  private final NotaryPublisher notary;
  private final Clock clock;

  PublicationService(
      PublicationOutcomes outcomes,
      TargetHealth targets,
      CosignSignatureStore cosign,
      DigestLocks locks,
      RetrySettings retry,
      NotaryPublisher notary,
      Clock clock) {
    this.outcomes = outcomes;
    this.targets = targets;
    this.cosign = cosign;
    this.locks = locks;
    this.retry = retry;
    this.notary = notary;
    this.clock = clock;
  }

  /**
   * Attempts {@code row} once and records the result.
   *
   * @param signature the row's event, decoded
   * @return true if the row's target was down until this attempt (its waiting rows are due now)
   */
  public boolean attempt(PublicationRow row, SignatureCreated signature) {
    int attempts = row.attempts() + 1;
    Optional<String> invalid = invalid(signature);
    Attempt result =
        invalid.isPresent()
            ? new Attempt.Done(Outcome.failed(invalid.get(), attempts))
            : attemptOnce(signature, attempts);
    // Whether the target answered this attempt: only then does it end the target's outage.
    boolean answered =
        invalid.isEmpty() && !(result instanceof Attempt.Retry down && down.targetDown());
    if (result instanceof Attempt.Retry failure && givenUp(row)) {
      result =
          new Attempt.Done(
              Outcome.failed(
                  "gave up after "
                      + retry.giveUpAfter()
                      + " pending ("
                      + attempts
                      + " attempts): "
                      + failure.reason(),
                  attempts));
    }
    String key = Topics.imageKey(signature.getImage());
    if (result instanceof Attempt.Retry failure) {
      Instant next = outcomes.retryLater(row, attempts, failure);
      LOG.info(
          "publication attempt {} for {} failed ({}), next at {}{}",
          attempts,
          key,
          failure.reason(),
          next,
          failure.targetDown() ? "; " + row.target() + " is down, its publications wait" : "");
      return answered && targets.answered(row.target());
    }
    Outcome outcome = ((Attempt.Done) result).outcome();
    if (!outcome.published()) {
      LOG.warn(
          "publication of {} for {} failed after {} attempt(s): {}",
          signature.getPayloadDigest(),
          key,
          attempts,
          outcome.reason());
    }
    outcomes.finish(row, signature.getImage(), outcome);
    return answered && targets.answered(row.target());
  }

  private boolean givenUp(PublicationRow row) {
    Duration limit = retry.giveUpAfter();
    return limit != null && row.pendingSince().plus(limit).isBefore(clock.instant());
  }

  private Attempt attemptOnce(SignatureCreated signature, int attempts) {
    return signature.getMethod() == SigningMethod.NOTARY
        ? attemptNotary(NotaryGrant.of(signature), attempts)
        : attemptCosign(signature, attempts);
  }

  /**
   * One try from a fresh fetch of the trust data. An unreachable server or signer-service puts the
   * Notary target down; a version conflict or a stale proposal only retries this grant.
   */
  private Attempt attemptNotary(NotaryGrant grant, int attempts) {
    try {
      NotaryPublisher.Published published = notary.publishOnce(grant);
      return new Attempt.Done(
          Outcome.publishedToNotary(published.location(), attempts, published.version()));
    } catch (TrustDataException e) {
      String reason = "notary " + e.problem() + ": " + e.getMessage();
      if (!e.retryable()) {
        return new Attempt.Done(Outcome.failed(reason, attempts));
      }
      return new Attempt.Retry(reason, e.problem() == TrustProblem.UNREACHABLE);
    } catch (SignerClient.SigningRefusedException e) {
      if (!e.retryable()) {
        return new Attempt.Done(Outcome.failed(e.getMessage(), attempts));
      }
      return new Attempt.Retry(e.getMessage(), e.status() != 409);
    } catch (RegistryException e) {
      String reason = "manifest size unreadable: " + e.getMessage();
      return retryable(e)
          ? new Attempt.Retry(reason, false)
          : new Attempt.Done(Outcome.failed(reason, attempts));
    }
  }

  private Attempt attemptCosign(SignatureCreated signature, int attempts) {
    ImageRef image = signature.getImage();
    RepositoryRef repository = new RepositoryRef(image.getRegistry(), image.getRepository());
    CosignLayer layer =
        new CosignLayer(
            bytes(signature.getPayload()),
            signature.getPayloadDigest(),
            bytes(signature.getSignature()),
            signature.getCertificate());
    try (DigestLocks.Held held = locks.lock(Topics.imageKey(image))) {
      return new Attempt.Done(
          Outcome.published(cosign.add(repository, image.getDigest(), layer), attempts));
    } catch (RegistryException e) {
      if (!retryable(e)) {
        return new Attempt.Done(Outcome.failed(e.getMessage(), attempts));
      }
      // Unreachable, 5xx, 429: the registry is down. A race with the registry's own state
      // (BLOB_UNKNOWN, a digest mismatch) concerns this signature only.
      return new Attempt.Retry(e.getMessage(), e.retryable());
    } catch (LostUpdateException e) {
      return new Attempt.Retry(e.getMessage(), false);
    } catch (InvalidSignatureManifestException e) {
      return new Attempt.Done(Outcome.failed(e.getMessage(), attempts));
    } catch (UncheckedIOException e) {
      // Only the password file is read here; its path and content stay out of the reason.
      return new Attempt.Done(
          Outcome.failed("registry credentials unreadable: " + e.getMessage(), attempts));
    }
  }

  private static boolean retryable(RegistryException e) {
    return e.retryable()
        || e instanceof DigestMismatchException
        || (e instanceof RegistryRequestException r && RETRYABLE_CODES.contains(r.errorCode()));
  }

  /** Why the event cannot be published at all, or empty. Checked before any registry call. */
  static Optional<String> invalid(SignatureCreated signature) {
    ImageRef image = signature.getImage();
    if (signature.getMethod() != SigningMethod.COSIGN
        && signature.getMethod() != SigningMethod.NOTARY) {
      return Optional.of(
          "signing method "
              + signature.getMethod()
              + " is not published by registry-publisher yet");
    }
    if (!Digests.isSha256(image.getDigest())) {
      return Optional.of("image digest is not sha256:<64 hex>");
    }
    try {
      new RepositoryRef(image.getRegistry(), image.getRepository());
    } catch (IllegalArgumentException e) {
      return Optional.of("invalid image reference: " + e.getMessage());
    }
    byte[] payload = bytes(signature.getPayload());
    if (!Digests.sha256(payload).equals(signature.getPayloadDigest())) {
      return Optional.of("payloadDigest does not match the payload");
    }
    if (bytes(signature.getSignature()).length == 0) {
      return Optional.of("empty signature");
    }
    if (signature.getMethod() == SigningMethod.NOTARY) {
      try {
        NotaryGrant.of(signature);
        return Optional.empty();
      } catch (NotaryGrant.InvalidGrantException e) {
        return Optional.of(e.getMessage());
      }
    }
    // Defence in depth: never file a signature under an image it does not sign.
    JsonNode critical;
    try {
      critical = JSON.readTree(payload).path("critical");
    } catch (IOException e) {
      return Optional.of("payload is not JSON");
    }
    String signedDigest = critical.path("image").path("docker-manifest-digest").asText("");
    if (!signedDigest.equals(image.getDigest())) {
      return Optional.of("payload signs " + signedDigest + ", not the image digest");
    }
    String reference = critical.path("identity").path("docker-reference").asText("");
    String expected = image.getRegistry() + "/" + image.getRepository();
    if (!reference.equals(expected)) {
      return Optional.of("payload names " + reference + ", not " + expected);
    }
    return Optional.empty();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
