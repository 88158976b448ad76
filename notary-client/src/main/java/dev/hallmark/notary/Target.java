package dev.hallmark.notary;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A target of a targets role, for Docker Content Trust a tag: the manifest's length and SHA-256
 * ({@code {"hashes":{"sha256":<base64>},"length":n}}).
 */
public record Target(long length, byte[] sha256) {
  public Target {
    if (length < 1) {
      throw new IllegalArgumentException("a target has a positive length, not " + length);
    }
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
    }
    sha256 = sha256.clone();
  }

  /**
   * @param digest {@code sha256:<64 hex>}, a manifest digest as registries and events write it
   */
  public static Target ofManifest(String digest, long length) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return new Target(length, HexFormat.of().parseHex(digest.substring("sha256:".length())));
  }

  /** {@code sha256:<hex>} of the target. */
  public String digest() {
    return "sha256:" + HexFormat.of().formatHex(sha256);
  }

  /** The target as a targets role lists it. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("hashes", Map.of("sha256", sha256.clone()));
    json.put("length", length);
    return json;
  }

  /** Whether a target entry of a parsed role is exactly this target, nothing more. */
  public boolean matches(Object entry) {
    if (!(entry instanceof Map<?, ?> map)
        || !map.keySet().equals(java.util.Set.of("hashes", "length"))) {
      return false;
    }
    if (!(map.get("hashes") instanceof Map<?, ?> hashes)
        || !hashes.keySet().equals(java.util.Set.of("sha256"))
        || !(hashes.get("sha256") instanceof String encoded)) {
      return false;
    }
    try {
      return Arrays.equals(Base64.getDecoder().decode(encoded), sha256)
          && map.get("length") instanceof Long value
          && value == length;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Target target
        && target.length == length
        && Arrays.equals(target.sha256, sha256);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(length) * 31 + Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return digest() + " (" + length + " bytes)";
  }
}
