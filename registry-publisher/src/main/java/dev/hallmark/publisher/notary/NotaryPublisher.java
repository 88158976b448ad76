package dev.hallmark.publisher.notary;

import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.notary.NotaryServerClient;
import dev.hallmark.notary.ReleasesDocuments;
import dev.hallmark.notary.SignatureCheck;
import dev.hallmark.notary.SignedRole;
import dev.hallmark.notary.Target;
import dev.hallmark.notary.TrustChainVerifier;
import dev.hallmark.notary.TrustDataException;
import dev.hallmark.notary.TrustPinning;
import dev.hallmark.notary.TrustProblem;
import dev.hallmark.notary.TrustRoles;
import dev.hallmark.notary.VerifiedTrustData;
import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RegistryException;
import dev.hallmark.oci.RepositoryRef;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes approved tags to the {@code targets/releases} role of a GUN on the Notary server: fetch
 * the trust data and verify it from the pinned root down, build the next document (the approved
 * tags set, version + 1), have signer-service sign it, check the signature against the delegation,
 * and POST it. One GUN at a time (a PostgreSQL advisory lock held for the transaction); a version
 * conflict or a stale proposal is retried from a fresh fetch.
 */
@Singleton
public class NotaryPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(NotaryPublisher.class);

  private final NotarySettings settings;
  private final TrustVersions versions;
  private final SignerClient signer;
  private final RegistryClient registry;
  private final Clock clock;
  private final NotaryServerClient server;

  NotaryPublisher(
      NotarySettings settings,
      TrustVersions versions,
      SignerClient signer,
      RegistryClient registry,
      Clock clock) {
    this.settings = settings;
    this.versions = versions;
    this.signer = signer;
    this.registry = registry;
    this.clock = clock;
    this.server =
        settings.url() == null
            ? null
            : new NotaryServerClient(NotaryServerClient.Settings.of(settings.url()));
  }

  /** A published document: where, and its version. */
  public record Published(String location, long version) {}

  /**
   * Publishes once, within this transaction (which holds the GUN's lock).
   *
   * @throws TrustDataException when the trust data cannot be used or the server refuses; {@link
   *     TrustDataException#retryable()} says whether a fresh try may succeed
   * @throws SignerClient.SigningRefusedException when signer-service does not sign
   * @throws RegistryException when the manifest's size cannot be read
   */
  @Transactional
  public Published publishOnce(NotaryGrant grant) {
    if (!settings.configured()) {
      throw new TrustDataException(
          TrustProblem.NOT_INITIALIZED,
          "Notary is not configured in registry-publisher (hallmark.notary.url and"
              + " hallmark.notary.trust-pinning)");
    }
    String gun = grant.gun();
    versions.lockGun(gun);
    Instant now = clock.instant();
    Set<String> pinned = new TrustPinning(settings.trustPinning()).rootKeyIds(gun);
    String rootPin = String.join(",", new TreeSet<>(pinned));
    VerifiedTrustData trust =
        TrustChainVerifier.verify(
            server.fetchTrustData(gun), pinned, seenVersions(gun, rootPin), now);
    Target target = Target.ofManifest(grant.digest(), manifestSize(grant));
    Map<String, Target> tags = new LinkedHashMap<>();
    grant.tags().forEach(tag -> tags.put(tag, target));
    Map<String, Object> signed =
        ReleasesDocuments.next(trust.releases(), tags, now.plus(settings.validity()));
    Map<String, Object> signature =
        signer.sign(grant.requestId(), gun, CanonicalJson.encode(signed));
    byte[] document = ReleasesDocuments.envelope(signed, List.of(signature));
    // What verifiers will check, checked before anyone sees it: a key that is not (or no longer)
    // delegated fails here, not in every client.
    SignatureCheck.requireThreshold(
        SignedRole.parse(TrustRoles.RELEASES, document), trust.releasesKeys());
    server.publish(gun, TrustRoles.RELEASES, document);
    long version = trust.releasesVersion() + 1;
    trust.versions().forEach((role, seen) -> versions.raise(gun, rootPin, role, seen));
    versions.raise(gun, rootPin, TrustRoles.RELEASES, version);
    LOG.info(
        "published {} of {} version {} (tags {})",
        TrustRoles.RELEASES,
        gun,
        version,
        tags.keySet());
    return new Published(
        settings
            .url()
            .resolve("/v2/" + gun + "/_trust/tuf/" + TrustRoles.RELEASES + ".json")
            .toString(),
        version);
  }

  private Map<String, Long> seenVersions(String gun, String rootPin) {
    Map<String, Long> seen = new LinkedHashMap<>();
    versions.findByGunAndRootPin(gun, rootPin).forEach(row -> seen.put(row.role(), row.version()));
    return seen;
  }

  private long manifestSize(NotaryGrant grant) {
    String gun = grant.gun();
    int slash = gun.indexOf('/');
    RepositoryRef repository = new RepositoryRef(gun.substring(0, slash), gun.substring(slash + 1));
    return registry.resolve(repository, grant.digest()).size();
  }

  public NotarySettings settings() {
    return settings;
  }
}
