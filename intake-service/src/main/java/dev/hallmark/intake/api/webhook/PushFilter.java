package dev.hallmark.intake.api.webhook;

import dev.hallmark.intake.oci.ImageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which registry events are image pushes worth signing (FORMATS.md section 4): manifest pushes by
 * tag. Blob uploads, pulls and deletes, pushes by digest only (referrers, the registry's own
 * bookkeeping), and the signing tools' own {@code sha256-<hex>.sig/.att/.sbom} tags are not.
 */
public final class PushFilter {
  static final Set<String> MANIFEST_TYPES =
      Set.of(
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final Pattern TOOL_TAG = Pattern.compile("sha256-[0-9a-f]{64}(\\.[a-z]+)?");

  private PushFilter() {}

  /**
   * @return why the event is ignored, or empty if it is a push to sign
   */
  public static Optional<String> reasonToIgnore(Notification.Event event) {
    if (!"push".equals(event.action())) {
      return Optional.of("action " + event.action());
    }
    Notification.Target target = event.target();
    if (target == null || target.repository() == null) {
      return Optional.of("no target repository");
    }
    if (!MANIFEST_TYPES.contains(target.mediaType())) {
      return Optional.of("not a manifest: " + target.mediaType());
    }
    if (!ImageDigest.isValid(target.digest())) {
      return Optional.of("no sha256 digest");
    }
    if (target.tag() == null || target.tag().isEmpty()) {
      return Optional.of("push by digest (no tag)");
    }
    if (TOOL_TAG.matcher(target.tag()).matches()) {
      return Optional.of("signature/attestation tag " + target.tag());
    }
    return Optional.empty();
  }
}
