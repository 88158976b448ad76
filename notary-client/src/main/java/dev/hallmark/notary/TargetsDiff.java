package dev.hallmark.notary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The semantic check before a {@code targets/releases} document is signed: compared with the
 * published one, it may set the approved tags to the approved digests, raise the version by one and
 * move the expiry, and change nothing else. Whatever else differs is listed, one line per
 * difference, for the refusal and the audit log.
 */
public final class TargetsDiff {
  private static final Set<String> SIGNED_FIELDS =
      Set.of("_type", "delegations", "expires", "targets", "version");

  private TargetsDiff() {}

  /**
   * @param current the published document; empty when none exists (then the proposal is version 1)
   * @param proposed the {@code signed} object to sign, as parsed from its canonical bytes
   * @param approved tag to {@code sha256:<hex>} manifest digest, as the policy decision approved
   * @param maxValidity how far in the future {@code expires} may be
   * @return every unapproved difference; empty when the proposal may be signed
   */
  public static List<String> unapprovedChanges(
      Optional<SignedRole> current,
      Map<String, Object> proposed,
      Map<String, String> approved,
      Instant now,
      Duration maxValidity) {
    List<String> changes = new ArrayList<>();
    for (String field : new TreeSet<>(proposed.keySet())) {
      if (!SIGNED_FIELDS.contains(field)) {
        changes.add("adds field " + field);
      }
    }
    if (!"Targets".equals(proposed.get("_type"))) {
      changes.add("_type is " + proposed.get("_type") + ", not Targets");
    }
    long expectedVersion = current.map(role -> role.version() + 1).orElse(1L);
    if (!(proposed.get("version") instanceof Long version) || version != expectedVersion) {
      changes.add("version is " + proposed.get("version") + ", not " + expectedVersion);
    }
    checkExpiry(proposed.get("expires"), now, maxValidity, changes);
    Object delegations =
        current.isPresent()
            ? current.get().signed().get("delegations")
            : ReleasesDocuments.emptyDelegations();
    if (!CanonicalJsonEquality.same(delegations, proposed.get("delegations"))) {
      changes.add("changes delegations");
    }
    if (!(proposed.get("targets") instanceof Map<?, ?> proposedTargets)) {
      changes.add("targets is not an object");
      return changes;
    }
    Map<String, Object> before = current.isPresent() ? current.get().object("targets") : Map.of();
    Set<String> names = new TreeSet<>(before.keySet());
    for (Object name : proposedTargets.keySet()) {
      names.add((String) name);
    }
    for (String name : names) {
      Object old = before.get(name);
      Object proposedTarget = proposedTargets.get(name);
      if (approved.containsKey(name)) {
        if (!isTargetOf(proposedTarget, approved.get(name))) {
          changes.add("tag " + name + " is not set to the approved " + approved.get(name));
        }
      } else if (old == null) {
        changes.add("adds tag " + name + ", which was not approved");
      } else if (proposedTarget == null) {
        changes.add("removes tag " + name);
      } else if (!CanonicalJsonEquality.same(old, proposedTarget)) {
        changes.add("changes tag " + name + ", which was not approved");
      }
    }
    return changes;
  }

  private static void checkExpiry(
      Object expires, Instant now, Duration maxValidity, List<String> changes) {
    try {
      Instant instant = java.time.OffsetDateTime.parse((String) expires).toInstant();
      if (!instant.isAfter(now)) {
        changes.add("expires " + expires + " is not in the future");
      } else if (instant.isAfter(now.plus(maxValidity))) {
        changes.add("expires " + expires + " is later than " + maxValidity + " from now");
      }
    } catch (RuntimeException e) {
      changes.add("expires is not an RFC 3339 time");
    }
  }

  /** Exactly {@code {"hashes":{"sha256":<the digest>},"length":<positive>}}. */
  private static boolean isTargetOf(Object entry, String digest) {
    if (!(entry instanceof Map<?, ?> target)
        || !target.keySet().equals(Set.of("hashes", "length"))) {
      return false;
    }
    if (!(target.get("length") instanceof Long length) || length < 1) {
      return false;
    }
    if (!(target.get("hashes") instanceof Map<?, ?> hashes)
        || !hashes.keySet().equals(Set.of("sha256"))
        || !(hashes.get("sha256") instanceof String encoded)
        || !digest.startsWith("sha256:")) {
      return false;
    }
    try {
      return HexFormat.of()
          .formatHex(Base64.getDecoder().decode(encoded))
          .equals(digest.substring("sha256:".length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
