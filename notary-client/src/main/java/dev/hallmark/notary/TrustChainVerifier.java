package dev.hallmark.notary;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the trust data of a GUN as a Notary client does before it trusts a tag (TUF client
 * workflow; notary {@code tuf/signed/verify.go}, {@code client/tufclient.go}): root against the
 * pinned root key ids, then timestamp, snapshot, targets and {@code targets/releases}, each signed
 * by a threshold of the keys its parent names, not expired, not older than the version seen before,
 * and with the length and hashes its parent lists.
 *
 * <p>Signatures are checked before hashes, so that a document signed by the wrong key is reported
 * as such rather than as a hash mismatch; both must pass either way. Root rotation (a new root
 * signed by the old one) is not followed: a root whose keys are not pinned is refused, and the
 * operator pins the new root.
 */
public final class TrustChainVerifier {
  private TrustChainVerifier() {}

  /**
   * @param pinnedRootKeyIds the root key ids configured for this GUN (trust pinning)
   * @param minimumVersions versions seen before, by role; a lower one is a rollback
   * @throws TrustDataException with the first problem found
   */
  public static VerifiedTrustData verify(
      TrustData data,
      Set<String> pinnedRootKeyIds,
      Map<String, Long> minimumVersions,
      Instant now) {
    String gun = data.gun();
    Map<String, Long> versions = new HashMap<>();

    SignedRole root = SignedRole.parse(TrustRoles.ROOT, data.root());
    requireType(root, "Root");
    Map<String, TufKey> rootKeys = keys(root.object("keys"), gun + " root keys");
    Map<String, Object> roles = root.object("roles");
    RoleKeys rootRole = roleKeys(TrustRoles.ROOT, roles, rootKeys);
    requirePinned(gun, root, rootRole, pinnedRootKeyIds);
    SignatureCheck.requireThreshold(root, rootRole);
    requireFresh(gun, root, minimumVersions, versions, now);

    SignedRole timestamp = SignedRole.parse(TrustRoles.TIMESTAMP, data.timestamp());
    requireType(timestamp, "Timestamp");
    SignatureCheck.requireThreshold(timestamp, roleKeys(TrustRoles.TIMESTAMP, roles, rootKeys));
    requireFresh(gun, timestamp, minimumVersions, versions, now);

    SignedRole snapshot = SignedRole.parse(TrustRoles.SNAPSHOT, data.snapshot());
    requireType(snapshot, "Snapshot");
    SignatureCheck.requireThreshold(snapshot, roleKeys(TrustRoles.SNAPSHOT, roles, rootKeys));
    requireListed(gun, snapshot, timestamp, true);
    requireFresh(gun, snapshot, minimumVersions, versions, now);

    SignedRole targets = SignedRole.parse(TrustRoles.TARGETS, data.targets());
    requireType(targets, "Targets");
    SignatureCheck.requireThreshold(targets, roleKeys(TrustRoles.TARGETS, roles, rootKeys));
    requireListed(gun, targets, snapshot, true);
    requireFresh(gun, targets, minimumVersions, versions, now);

    Map<String, Object> delegations = targets.object("delegations");
    Map<String, TufKey> delegationKeys =
        keys(Json.object(delegations.get("keys"), "delegation keys"), gun + " delegation keys");
    Map<String, Object> releasesEntry = delegation(gun, delegations);
    RoleKeys releasesKeys =
        new RoleKeys(
            TrustRoles.RELEASES,
            strings(releasesEntry.get("keyids"), "targets/releases keyids"),
            (int) Json.integer(releasesEntry.get("threshold"), "targets/releases threshold"),
            delegationKeys);
    List<String> paths = strings(releasesEntry.get("paths"), "targets/releases paths");

    Optional<SignedRole> releases = Optional.empty();
    if (data.releases().isPresent()) {
      SignedRole role = SignedRole.parse(TrustRoles.RELEASES, data.releases().get());
      requireType(role, "Targets");
      SignatureCheck.requireThreshold(role, releasesKeys);
      requireListed(gun, role, snapshot, true);
      requireFresh(gun, role, minimumVersions, versions, now);
      releases = Optional.of(role);
    } else {
      if (snapshot.object("meta").containsKey(TrustRoles.RELEASES)) {
        throw new TrustDataException(
            TrustProblem.MALFORMED,
            "snapshot of " + gun + " lists targets/releases, but the server did not serve it");
      }
      Long seen = minimumVersions.get(TrustRoles.RELEASES);
      if (seen != null && seen > 0) {
        throw new TrustDataException(
            TrustProblem.ROLLBACK,
            "targets/releases of " + gun + " is gone, but version " + seen + " was seen before");
      }
      versions.put(TrustRoles.RELEASES, 0L);
    }
    return new VerifiedTrustData(
        gun, root, timestamp, snapshot, targets, releases, releasesKeys, paths, versions);
  }

  private static void requirePinned(
      String gun, SignedRole root, RoleKeys rootRole, Set<String> pinned) {
    if (pinned.isEmpty()) {
      throw new TrustDataException(
          TrustProblem.ROOT_NOT_PINNED, "no root key is pinned for " + gun);
    }
    List<String> pinnedKeys = rootRole.keyIds().stream().filter(pinned::contains).toList();
    if (pinnedKeys.isEmpty()) {
      throw new TrustDataException(
          TrustProblem.ROOT_NOT_PINNED,
          "root of " + gun + " has keys " + rootRole.keyIds() + ", none of them pinned " + pinned);
    }
    // The threshold alone could be met by other root keys: one signature must be a pinned key's.
    boolean signedByPinned =
        root.signatures().stream()
            .anyMatch(
                signature ->
                    pinnedKeys.contains(signature.keyId())
                        && SignatureCheck.verifies(
                            rootRole.keys().get(signature.keyId()),
                            signature,
                            root.canonicalSigned()));
    if (!signedByPinned) {
      throw new TrustDataException(
          TrustProblem.ROOT_NOT_PINNED, "root of " + gun + " is not signed by its pinned key");
    }
  }

  private static void requireFresh(
      String gun,
      SignedRole role,
      Map<String, Long> minimumVersions,
      Map<String, Long> versions,
      Instant now) {
    long version = role.version();
    Long seen = minimumVersions.get(role.role());
    if (seen != null && version < seen) {
      throw new TrustDataException(
          TrustProblem.ROLLBACK,
          role.role()
              + " of "
              + gun
              + " is version "
              + version
              + ", but version "
              + seen
              + " was seen before");
    }
    Instant expires = role.expires();
    if (!expires.isAfter(now)) {
      throw new TrustDataException(
          TrustProblem.EXPIRED, role.role() + " of " + gun + " expired at " + expires);
    }
    versions.put(role.role(), version);
  }

  /** The child's bytes have the length and hashes the parent's {@code meta} lists for it. */
  private static void requireListed(
      String gun, SignedRole child, SignedRole parent, boolean required) {
    Object entry = parent.object("meta").get(child.role());
    if (entry == null) {
      if (required) {
        throw new TrustDataException(
            TrustProblem.HASH_MISMATCH,
            parent.role() + " of " + gun + " does not list " + child.role());
      }
      return;
    }
    Map<String, Object> meta = Json.object(entry, parent.role() + " meta " + child.role());
    long length = Json.integer(meta.get("length"), child.role() + " length");
    if (length != child.raw().length) {
      throw new TrustDataException(
          TrustProblem.HASH_MISMATCH,
          child.role()
              + " of "
              + gun
              + " has "
              + child.raw().length
              + " bytes, "
              + parent.role()
              + " lists "
              + length);
    }
    Map<String, Object> hashes = Json.object(meta.get("hashes"), child.role() + " hashes");
    if (!hashes.containsKey("sha256")) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, parent.role() + " lists no sha256 for " + child.role());
    }
    for (Map.Entry<String, Object> hash : hashes.entrySet()) {
      String algorithm =
          switch (hash.getKey()) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> null;
          };
      if (algorithm == null) {
        continue;
      }
      String expected = Json.string(hash.getValue(), child.role() + " " + hash.getKey());
      String actual = Base64.getEncoder().encodeToString(digest(algorithm, child.raw()));
      if (!actual.equals(expected)) {
        throw new TrustDataException(
            TrustProblem.HASH_MISMATCH,
            child.role()
                + " of "
                + gun
                + " does not match its "
                + hash.getKey()
                + " in "
                + parent.role());
      }
    }
  }

  private static Map<String, Object> delegation(String gun, Map<String, Object> delegations) {
    for (Object role : Json.array(delegations.get("roles"), "delegation roles")) {
      Map<String, Object> entry = Json.object(role, "delegation role");
      if (TrustRoles.RELEASES.equals(entry.get("name"))) {
        return entry;
      }
    }
    throw new TrustDataException(
        TrustProblem.NOT_DELEGATED,
        "targets of " + gun + " delegates no targets/releases role (run notary delegation add)");
  }

  private static RoleKeys roleKeys(
      String name, Map<String, Object> roles, Map<String, TufKey> keys) {
    Map<String, Object> role = Json.object(roles.get(name), "root role " + name);
    return new RoleKeys(
        name,
        strings(role.get("keyids"), name + " keyids"),
        (int) Json.integer(role.get("threshold"), name + " threshold"),
        keys);
  }

  private static Map<String, TufKey> keys(Map<String, Object> keys, String what) {
    Map<String, TufKey> parsed = new LinkedHashMap<>();
    keys.forEach((id, key) -> parsed.put(id, TufKey.parse(id, key)));
    return parsed;
  }

  private static List<String> strings(Object value, String what) {
    List<String> strings = new ArrayList<>();
    for (Object item : Json.array(value, what)) {
      strings.add(Json.string(item, what));
    }
    return strings;
  }

  private static void requireType(SignedRole role, String type) {
    if (!type.equals(role.type())) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, role.role() + " has _type " + role.type() + ", not " + type);
    }
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
