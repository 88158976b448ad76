package dev.hallmark.deploy.local.verify;

import java.util.List;

/**
 * What {@link CosignVerifier} found under {@code sha256-<hex>.sig}.
 *
 * @param signatureTag the tag looked at
 * @param problem why the signature manifest as a whole could not be used (absent, not an OCI image
 *     manifest, unreadable), or null
 * @param verified the layers whose signature verified with the key and whose payload names the
 *     image
 * @param rejected every other layer, with the reason
 */
public record VerificationResult(
    String signatureTag,
    String problem,
    List<VerifiedSignature> verified,
    List<RejectedLayer> rejected) {

  public VerificationResult {
    verified = List.copyOf(verified);
    rejected = List.copyOf(rejected);
  }

  /** True if at least one signature verified. */
  public boolean isVerified() {
    return !verified.isEmpty();
  }

  /** A layer that passed every check. */
  public record VerifiedSignature(
      int layer, String layerDigest, String keyFingerprint, SimpleSigningPayload payload) {}

  /** A layer that did not, and why. */
  public record RejectedLayer(int layer, String layerDigest, String reason) {}
}
