package dev.hallmark.signer.notary;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.notary.NotaryServerClient;
import dev.hallmark.notary.TargetsDiff;
import dev.hallmark.notary.TrustChainVerifier;
import dev.hallmark.notary.TrustDataException;
import dev.hallmark.notary.TrustPinning;
import dev.hallmark.notary.TrustProblem;
import dev.hallmark.notary.VerifiedTrustData;
import dev.hallmark.signer.decisions.SignatureRepository;
import dev.hallmark.signer.decisions.SignatureRow;
import dev.hallmark.signer.decisions.SigningFailures;
import dev.hallmark.signer.keys.SigningKey;
import dev.hallmark.signer.keys.SigningKeys;
import dev.hallmark.signer.signers.SigningAlgorithm;
import dev.hallmark.signer.tuf.TufSignatures;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a {@code targets/releases} document that registry-publisher built, if it is exactly what
 * was approved. The publisher is not trusted for that: this service fetches the published trust
 * data itself, verifies it from the pinned root down ({@link TrustChainVerifier}), and signs only a
 * proposal that is the next version of the published document and differs from it by nothing but
 * the tags this request's {@link NotaryGrant}s allow ({@link TargetsDiff}), with an expiry within
 * {@code hallmark.notary.max-validity}.
 *
 * <p>A stale proposal (someone published meanwhile) is refused without audit: the publisher
 * rebuilds it from a fresh fetch. A proposal with an unapproved change is refused and announced as
 * {@code SigningFailed} for the request's images: the publisher is wrong or compromised, and the
 * request ends FAILED.
 */
@Singleton
public class NotarySigning {
  private static final Logger LOG = LoggerFactory.getLogger(NotarySigning.class);

  private final NotarySettings settings;
  private final Optional<NotaryServerClient> server;
  private final SignatureRepository signatures;
  private final SigningKeys keys;
  private final SigningFailures failures;
  private final Clock clock;

  NotarySigning(
      NotarySettings settings,
      SignatureRepository signatures,
      SigningKeys keys,
      SigningFailures failures,
      Clock clock) {
    this.settings = settings;
    this.server =
        settings.configured()
            ? Optional.of(new NotaryServerClient(NotaryServerClient.Settings.of(settings.url())))
            : Optional.empty();
    this.signatures = signatures;
    this.keys = keys;
    this.failures = failures;
    this.clock = clock;
  }

  /**
   * The signature of the proposal's {@code signed} object by the grants' key, under the key id
   * {@code targets/releases} lists it by.
   *
   * @throws NotaryRefusedException whenever it is not signed
   */
  public TufSignature sign(NotaryProposal proposal) {
    String gun = proposal.gun();
    NotaryServerClient client =
        server.orElseThrow(
            () ->
                new NotaryRefusedException(
                    503,
                    NotaryRefusedException.NOT_CONFIGURED,
                    "Notary is not configured (hallmark.notary.url and"
                        + " hallmark.notary.trust-pinning)"));
    List<SignatureRow> rows =
        signatures.findByRequestIdAndRegistryAndRepositoryAndMethodOrderByCreatedAt(
            proposal.requestId(),
            proposal.registry(),
            proposal.repository(),
            SigningMethod.NOTARY.name());
    if (rows.isEmpty()) {
      throw new NotaryRefusedException(
          404,
          NotaryRefusedException.NOT_APPROVED,
          "no approved Notary signing for request " + proposal.requestId() + " and " + gun);
    }
    // One decision per request, so every grant has its key.
    String keyId = rows.get(0).keyId();
    Map<String, String> approved = approved(rows, proposal);
    SigningKey key = usableKey(keyId);

    Instant now = clock.instant();
    VerifiedTrustData current;
    String delegatedKeyId;
    try {
      // No role versions are remembered here: detecting a server that rolls back is
      // registry-publisher's, which keeps the versions it has seen.
      Map<String, Long> noneSeen = Map.of();
      current =
          TrustChainVerifier.verify(
              client.fetchTrustData(gun),
              new TrustPinning(settings.trustPinning()).rootKeyIds(gun),
              noneSeen,
              now);
      delegatedKeyId = current.requireDelegated(key.signer().publicKey(), keyId);
    } catch (TrustDataException e) {
      throw new NotaryRefusedException(
          e.problem() == TrustProblem.UNREACHABLE ? 503 : 422, e.problem().name(), e.getMessage());
    }

    long expected = current.releasesVersion() + 1;
    Object version = proposal.signed().get("version");
    if (version instanceof Long proposed && proposed != expected) {
      throw new NotaryRefusedException(
          409,
          NotaryRefusedException.STALE,
          "targets/releases of "
              + gun
              + " is version "
              + current.releasesVersion()
              + "; the proposal is version "
              + proposed
              + ", not "
              + expected
              + ": build it again from a fresh fetch");
    }
    List<String> changes =
        TargetsDiff.unapprovedChanges(
            current.releases(), proposal.signed(), approved, now, settings.maxValidity());
    if (!changes.isEmpty()) {
      refuse(proposal, rows, keyId, changes);
    }
    Map<String, Object> signature =
        TufSignatures.sign(proposal.signed(), key.signer(), delegatedKeyId);
    LOG.info(
        "signed targets/releases version {} of {} for request {}",
        expected,
        gun,
        proposal.requestId());
    return new TufSignature(
        (String) signature.get("keyid"),
        (String) signature.get("method"),
        (byte[]) signature.get("sig"));
  }

  /**
   * A role signature: {@code keyid}, {@code method} ({@code ecdsa}) and {@code sig}, raw {@code
   * r||s}.
   */
  public record TufSignature(String keyId, String method, byte[] sig) {}

  /** Tag to digest, merged over the grants; a tag granted two digests approves neither. */
  private static Map<String, String> approved(List<SignatureRow> rows, NotaryProposal proposal) {
    Map<String, String> approved = new LinkedHashMap<>();
    for (SignatureRow row : rows) {
      for (String tag : NotaryGrant.parse(row.payload()).tags()) {
        String other = approved.putIfAbsent(tag, row.digest());
        if (other != null && !other.equals(row.digest())) {
          throw new NotaryRefusedException(
              422,
              NotaryRefusedException.CONFLICTING_GRANTS,
              "request "
                  + proposal.requestId()
                  + " approved tag "
                  + tag
                  + " of "
                  + proposal.gun()
                  + " for two digests, "
                  + other
                  + " and "
                  + row.digest());
        }
      }
    }
    return approved;
  }

  private SigningKey usableKey(String keyId) {
    SigningKey key =
        keys.find(keyId)
            .orElseThrow(
                () ->
                    new NotaryRefusedException(
                        422,
                        NotaryRefusedException.UNKNOWN_KEY,
                        "signing key '" + keyId + "' of the grant is not configured here"));
    if (key.algorithm() != SigningAlgorithm.ECDSA_P256) {
      throw new NotaryRefusedException(
          422,
          NotaryRefusedException.UNSUPPORTED_KEY,
          "Notary v1 signs with ECDSA_P256 keys; key " + keyId + " is " + key.algorithm());
    }
    if (key.signer().certificate().isEmpty()) {
      // A delegation lists its key as a certificate: a key without one cannot have been delegated.
      throw new NotaryRefusedException(
          422,
          NotaryRefusedException.NO_CERTIFICATE,
          "signing key '"
              + keyId
              + "' has no certificate, so targets/releases cannot list it: keys in a PKCS#11"
              + " token or a PKCS#12 file have one, a PEM private key file does not");
    }
    return key;
  }

  /** Audits the refusal as {@code SigningFailed} for the grants' images, then refuses. */
  private void refuse(
      NotaryProposal proposal, List<SignatureRow> rows, String keyId, List<String> changes) {
    String reason =
        "refused targets/releases of " + proposal.gun() + ": " + String.join("; ", changes);
    List<ImageRef> images = new ArrayList<>();
    for (SignatureRow row : rows) {
      images.add(
          ImageRef.newBuilder()
              .setRegistry(row.registry())
              .setRepository(row.repository())
              .setDigest(row.digest())
              .setTags(NotaryGrant.parse(row.payload()).tags())
              .build());
    }
    failures.record(proposal.requestId(), images, SigningMethod.NOTARY, keyId, reason);
    LOG.warn("request {}: {}", proposal.requestId(), reason);
    throw new NotaryRefusedException(
        422, NotaryRefusedException.UNAPPROVED_CHANGE, reason, changes);
  }
}
