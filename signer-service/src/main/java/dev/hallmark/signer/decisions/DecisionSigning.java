package dev.hallmark.signer.decisions;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.runtime.outbox.Outbox;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.signer.cosign.SimpleSigningPayload;
import dev.hallmark.signer.cosign.UnsignableImageException;
import dev.hallmark.signer.keys.SigningKey;
import dev.hallmark.signer.keys.SigningKeys;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Signs what a policy decision approved: for an {@code APPROVED} decision, one cosign signature per
 * image with the decision's key, over a payload built here ({@link SimpleSigningPayload}). Each
 * signature is recorded in {@code signature} and announced as {@code SignatureCreated} through the
 * outbox, in one transaction per decision. Idempotent: a signature that exists for the same
 * request, image, method and key is not made again, so a redelivered decision emits nothing.
 *
 * <p>Other outcomes and other methods (NOTARY, NOTATION: later) are ignored.
 */
@Singleton
public class DecisionSigning {
  private final SigningKeys keys;
  private final SignatureRepository signatures;
  private final Outbox outbox;
  private final Clock clock;

  DecisionSigning(SigningKeys keys, SignatureRepository signatures, Outbox outbox, Clock clock) {
    this.keys = keys;
    this.signatures = signatures;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * @return the events emitted now (empty for other outcomes, methods, or a redelivery)
   * @throws InvalidDecisionException if the decision can never be signed (park it)
   * @throws dev.hallmark.signer.keys.UnknownKeyException if its key is not configured here
   * @throws dev.hallmark.signer.signers.SigningException if the key holder fails
   */
  @Transactional
  public List<SignatureCreated> sign(PolicyDecision decision) {
    if (decision.getOutcome() != DecisionOutcome.APPROVED
        || !decision.getMethods().contains(SigningMethod.COSIGN)
        || decision.getImages().isEmpty()) {
      return List.of();
    }
    UUID requestId = decision.getRequestId();
    String keyId = decision.getKeyId();
    if (keyId == null || keyId.isBlank()) {
      throw new InvalidDecisionException(requestId, "APPROVED without keyId", null);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // Every payload first: a malformed image fails the whole decision before anything is signed.
    List<byte[]> payloads = new ArrayList<>(decision.getImages().size());
    for (ImageRef image : decision.getImages()) {
      try {
        payloads.add(SimpleSigningPayload.build(image, requestId, decision.getOrigin(), now));
      } catch (UnsignableImageException e) {
        throw new InvalidDecisionException(requestId, e.getMessage(), e);
      }
    }
    SigningKey key = keys.get(keyId);
    List<SignatureCreated> emitted = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      ImageRef image = decision.getImages().get(i);
      if (signatures.existsByRequestIdAndRegistryAndRepositoryAndDigestAndMethodAndKeyId(
          requestId,
          image.getRegistry(),
          image.getRepository(),
          image.getDigest(),
          SigningMethod.COSIGN.name(),
          keyId)) {
        continue;
      }
      byte[] payload = payloads.get(i);
      byte[] signature = key.signer().sign(payload);
      SignatureCreated event =
          SignatureCreated.newBuilder()
              .setEventId(UUID.randomUUID())
              .setRequestId(requestId)
              .setOccurredAt(now)
              .setImage(image)
              .setMethod(SigningMethod.COSIGN)
              .setKeyId(keyId)
              .setPayload(ByteBuffer.wrap(payload))
              .setSignature(ByteBuffer.wrap(signature))
              .setPayloadDigest(sha256(payload))
              // The token's self-signed certificate is a storage artefact, not a trust statement.
              .setCertificate(null)
              .build();
      int inserted =
          signatures.insertOnce(
              event.getEventId(),
              requestId,
              image.getRegistry(),
              image.getRepository(),
              image.getDigest(),
              SigningMethod.COSIGN.name(),
              keyId,
              payload,
              signature,
              event.getPayloadDigest(),
              now);
      if (inserted == 1) {
        outbox.append(Topics.SIGNATURES, Topics.imageKey(image), event);
        emitted.add(event);
      }
    }
    return emitted;
  }

  /** {@code sha256:<hex>}. */
  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
