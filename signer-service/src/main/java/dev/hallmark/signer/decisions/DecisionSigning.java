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
import dev.hallmark.signer.notary.NotaryGrant;
import dev.hallmark.signer.signers.SigningAlgorithm;
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
 * Signs what a policy decision approved. For an {@code APPROVED} decision, per image and method,
 * with the decision's key:
 *
 * <ul>
 *   <li>COSIGN: a cosign signature over a payload built here ({@link SimpleSigningPayload});
 *   <li>NOTARY: a {@link NotaryGrant}, the signed statement that {@code targets/releases} of the
 *       image's repository may set its tags to its digest. The document itself is signed later, on
 *       registry-publisher's request and only within the grants ({@code
 *       dev.hallmark.signer.notary.NotarySigning}). An image without tags, or a key Notary cannot
 *       use (not ECDSA P-256), gets a {@code SigningFailed} for NOTARY instead; its cosign
 *       signature is made all the same.
 * </ul>
 *
 * Each signature is recorded in {@code signature} and announced as {@code SignatureCreated} through
 * the outbox, in one transaction per decision. Idempotent: a signature that exists for the same
 * request, image, method and key is not made again, so a redelivered decision emits no signature (a
 * NOTARY failure of an image is announced again; consumers deduplicate failures by image, method
 * and key).
 *
 * <p>Other outcomes and other methods (NOTATION: later) are ignored.
 */
@Singleton
public class DecisionSigning {
  private final SigningKeys keys;
  private final SignatureRepository signatures;
  private final SigningFailures failures;
  private final Outbox outbox;
  private final Clock clock;

  DecisionSigning(
      SigningKeys keys,
      SignatureRepository signatures,
      SigningFailures failures,
      Outbox outbox,
      Clock clock) {
    this.keys = keys;
    this.signatures = signatures;
    this.failures = failures;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** One payload to sign for one image and method. */
  private record Planned(ImageRef image, SigningMethod method, byte[] payload) {}

  /**
   * @return the signatures emitted now (empty for other outcomes, methods, or a redelivery)
   * @throws InvalidDecisionException if the decision can never be signed (park it)
   * @throws dev.hallmark.signer.keys.UnknownKeyException if its key is not configured here
   * @throws dev.hallmark.signer.signers.SigningException if the key holder fails
   */
  @Transactional
  public List<SignatureCreated> sign(PolicyDecision decision) {
    boolean cosign = decision.getMethods().contains(SigningMethod.COSIGN);
    boolean notary = decision.getMethods().contains(SigningMethod.NOTARY);
    if (decision.getOutcome() != DecisionOutcome.APPROVED
        || !(cosign || notary)
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
    List<Planned> planned = new ArrayList<>();
    List<ImageRef> untagged = new ArrayList<>();
    for (ImageRef image : decision.getImages()) {
      try {
        if (cosign) {
          planned.add(
              new Planned(
                  image,
                  SigningMethod.COSIGN,
                  SimpleSigningPayload.build(image, requestId, decision.getOrigin(), now)));
        }
        if (notary) {
          NotaryGrant grant = NotaryGrant.of(image, requestId);
          if (grant.tags().isEmpty()) {
            untagged.add(image);
          } else {
            planned.add(new Planned(image, SigningMethod.NOTARY, grant.payload()));
          }
        }
      } catch (UnsignableImageException e) {
        throw new InvalidDecisionException(requestId, e.getMessage(), e);
      }
    }
    SigningKey key = keys.get(keyId);
    for (ImageRef image : untagged) {
      failures.record(
          requestId,
          List.of(image),
          SigningMethod.NOTARY,
          keyId,
          NotaryGrant.untaggedReason(image));
    }
    if (notary && key.algorithm() != SigningAlgorithm.ECDSA_P256) {
      // The grant could never be used: Notary signatures are ECDSA P-256 here (TufSignatures).
      List<ImageRef> refused =
          planned.stream()
              .filter(p -> p.method() == SigningMethod.NOTARY)
              .map(Planned::image)
              .toList();
      failures.record(
          requestId,
          refused,
          SigningMethod.NOTARY,
          keyId,
          "Notary v1 signs with ECDSA_P256 keys; key " + keyId + " is " + key.algorithm());
      planned.removeIf(p -> p.method() == SigningMethod.NOTARY);
    }
    List<SignatureCreated> emitted = new ArrayList<>();
    for (Planned next : planned) {
      ImageRef image = next.image();
      String method = next.method().name();
      if (signatures.existsByRequestIdAndRegistryAndRepositoryAndDigestAndMethodAndKeyId(
          requestId,
          image.getRegistry(),
          image.getRepository(),
          image.getDigest(),
          method,
          keyId)) {
        continue;
      }
      byte[] payload = next.payload();
      byte[] signature = key.signer().sign(payload);
      SignatureCreated event =
          SignatureCreated.newBuilder()
              .setEventId(UUID.randomUUID())
              .setRequestId(requestId)
              .setOccurredAt(now)
              .setImage(image)
              .setMethod(next.method())
              .setKeyId(keyId)
              .setPayload(ByteBuffer.wrap(payload))
              .setSignature(ByteBuffer.wrap(signature))
              .setPayloadDigest(sha256(payload))
              // The token's self-signed certificate is a storage artefact, not a trust statement.
              .setCertificate(null)
              .build();
      int inserted =
          signatures.insertOnce(
              new SignatureRow(
                  event.getEventId(),
                  requestId,
                  image.getRegistry(),
                  image.getRepository(),
                  image.getDigest(),
                  method,
                  keyId,
                  payload,
                  signature,
                  event.getPayloadDigest(),
                  now));
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
