package dev.hallmark.notary;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trust data of one GUN that {@link TrustChainVerifier} checked from the pinned root down.
 *
 * @param releases the current {@code targets/releases}; empty if nothing was published to it yet
 * @param releasesKeys who may sign {@code targets/releases}, from {@code targets.json}
 * @param releasesPaths the path prefixes the delegation may sign ({@code ""}: all)
 * @param versions version of every role seen, by role name (a missing releases role is 0)
 */
public record VerifiedTrustData(
    String gun,
    SignedRole root,
    SignedRole timestamp,
    SignedRole snapshot,
    SignedRole targets,
    Optional<SignedRole> releases,
    RoleKeys releasesKeys,
    List<String> releasesPaths,
    Map<String, Long> versions) {

  public VerifiedTrustData {
    releasesPaths = List.copyOf(releasesPaths);
    versions = Map.copyOf(versions);
  }

  /** Version of {@code targets/releases} now; 0 when it was never published. */
  public long releasesVersion() {
    return releases.map(SignedRole::version).orElse(0L);
  }

  /**
   * The id under which {@code targets/releases} lists {@code key}.
   *
   * @throws TrustDataException ({@link TrustProblem#NOT_DELEGATED}) if it does not list it, or the
   *     delegation may not sign every tag
   */
  public String requireDelegated(PublicKey key, String keyName) {
    if (!releasesPaths.contains("")) {
      throw new TrustDataException(
          TrustProblem.NOT_DELEGATED,
          TrustRoles.RELEASES
              + " of "
              + gun
              + " may only sign paths "
              + releasesPaths
              + "; Hallmark needs all paths (\"\")");
    }
    for (String id : releasesKeys.keyIds()) {
      TufKey listed = releasesKeys.keys().get(id);
      if (listed != null && listed.samePublicKey(key)) {
        return id;
      }
    }
    throw new TrustDataException(
        TrustProblem.NOT_DELEGATED,
        "key "
            + keyName
            + " is not a key of "
            + TrustRoles.RELEASES
            + " of "
            + gun
            + " (run notary delegation add with its certificate)");
  }
}
