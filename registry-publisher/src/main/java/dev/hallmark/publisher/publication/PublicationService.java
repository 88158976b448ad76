package dev.hallmark.publisher.publication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.notary.TrustDataException;
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
import dev.hallmark.publisher.registry.PublisherSettings;
import dev.hallmark.schemas.topics.Topics;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one {@link SignatureCreated}: once (a signature already recorded is skipped), with
 * bounded attempts, ending in a recorded {@link Outcome} that {@link PublicationOutcomes}
 * announces. {@code COSIGN} signatures go to the registry ({@link CosignSignatureStore}), {@code
 * NOTARY} grants to the Notary server ({@link NotaryPublisher}); other methods end in {@code
 * PublicationFailed}.
 */
@Singleton
public class PublicationService {
  private static final Logger LOG = LoggerFactory.getLogger(PublicationService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Registry errors that a later attempt may not see (garbage collection, replication lag). */
  private static final Set<String> RETRYABLE_CODES =
      Set.of("BLOB_UNKNOWN", "MANIFEST_BLOB_UNKNOWN");

  private final PublicationRepository publications;
  private final PublicationOutcomes outcomes;
  private final CosignSignatureStore cosign;
  private final DigestLocks locks;
  private final PublisherSettings settings;
  private final NotaryPublisher notary;

  PublicationService(
      PublicationRepository publications,
      PublicationOutcomes outcomes,
      CosignSignatureStore cosign,
      DigestLocks locks,
      PublisherSettings settings,
      NotaryPublisher notary) {
    this.publications = publications;
    this.outcomes = outcomes;
    this.cosign = cosign;
    this.locks = locks;
    this.settings = settings;
    this.notary = notary;
  }

  /**
   * @return the outcome, or empty when this signature was published (or given up) before
   */
  public Optional<Outcome> publish(SignatureCreated signature) {
    if (publications.existsByDigestAndMethodAndKeyIdAndPayloadDigest(
        signature.getImage().getDigest(),
        signature.getMethod().name(),
        signature.getKeyId(),
        signature.getPayloadDigest())) {
      LOG.info(
          "signature {} of {} was handled before; nothing to do",
          signature.getPayloadDigest(),
          Topics.imageKey(signature.getImage()));
      return Optional.empty();
    }
    Outcome outcome =
        invalid(signature)
            .map(reason -> Outcome.failed(reason, 0))
            .orElseGet(() -> attempt(signature));
    if (!outcome.published()) {
      LOG.warn(
          "publication of {} for {} failed after {} attempt(s): {}",
          signature.getPayloadDigest(),
          Topics.imageKey(signature.getImage()),
          outcome.attempts(),
          outcome.reason());
    }
    return outcomes.record(signature, outcome) ? Optional.of(outcome) : Optional.empty();
  }

  private Outcome attempt(SignatureCreated signature) {
    return signature.getMethod() == SigningMethod.NOTARY
        ? attemptNotary(NotaryGrant.of(signature))
        : attemptCosign(signature);
  }

  /**
   * Each try starts from a fresh fetch of the trust data; only an unreachable server or signer, a
   * version conflict or a stale proposal is tried again.
   */
  private Outcome attemptNotary(NotaryGrant grant) {
    int maxAttempts = notary.settings().attempts();
    Duration wait = notary.settings().backoff();
    String lastFailure = "no attempt made";
    for (int attempts = 1; attempts <= maxAttempts; attempts++) {
      try {
        NotaryPublisher.Published published = notary.publishOnce(grant);
        return Outcome.publishedToNotary(published.location(), attempts, published.version());
      } catch (TrustDataException e) {
        lastFailure = "notary " + e.problem() + ": " + e.getMessage();
        if (!e.retryable()) {
          return Outcome.failed(lastFailure, attempts);
        }
      } catch (SignerClient.SigningRefusedException e) {
        lastFailure = e.getMessage();
        if (!e.retryable()) {
          return Outcome.failed(lastFailure, attempts);
        }
      } catch (RegistryException e) {
        lastFailure = "manifest size unreadable: " + e.getMessage();
        if (!e.retryable()) {
          return Outcome.failed(lastFailure, attempts);
        }
      }
      if (attempts < maxAttempts) {
        LOG.info(
            "Notary publication attempt {} for {} failed ({}), next in {}",
            attempts,
            grant.gun(),
            lastFailure,
            wait);
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
    return Outcome.failed(
        "gave up after " + maxAttempts + " attempts: " + lastFailure, maxAttempts);
  }

  private Outcome attemptCosign(SignatureCreated signature) {
    ImageRef image = signature.getImage();
    RepositoryRef repository = new RepositoryRef(image.getRegistry(), image.getRepository());
    CosignLayer layer =
        new CosignLayer(
            bytes(signature.getPayload()),
            signature.getPayloadDigest(),
            bytes(signature.getSignature()),
            signature.getCertificate());
    String lockKey = Topics.imageKey(image);
    String lastFailure = "no attempt made";
    int attempts = 0;
    while (attempts < settings.attempts()) {
      attempts++;
      try (DigestLocks.Held held = locks.lock(lockKey)) {
        return Outcome.published(cosign.add(repository, image.getDigest(), layer), attempts);
      } catch (RegistryException e) {
        if (!retryable(e)) {
          return Outcome.failed(e.getMessage(), attempts);
        }
        lastFailure = e.getMessage();
      } catch (LostUpdateException e) {
        lastFailure = e.getMessage();
      } catch (InvalidSignatureManifestException e) {
        return Outcome.failed(e.getMessage(), attempts);
      } catch (UncheckedIOException e) {
        // Only the password file is read here; its path and content stay out of the reason.
        return Outcome.failed("registry credentials unreadable: " + e.getMessage(), attempts);
      }
      if (attempts < settings.attempts()) {
        Duration wait = settings.backoffAfter(attempts);
        LOG.info(
            "publication attempt {} for {} failed ({}), next in {}",
            attempts,
            lockKey,
            lastFailure,
            wait);
        sleep(wait);
      }
    }
    return Outcome.failed("gave up after " + attempts + " attempts: " + lastFailure, attempts);
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

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between publication attempts", e);
    }
  }
}
