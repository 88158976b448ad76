package dev.hallmark.notary;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the next {@code targets/releases} document: the current one with some tags set, version
 * plus one, a new expiry, and nothing else changed. It is the only document Hallmark asks to have
 * signed, and {@link TargetsDiff} is the check that it is nothing more.
 */
public final class ReleasesDocuments {
  private ReleasesDocuments() {}

  /**
   * @param current the verified current document; empty when none was published yet (version 0)
   * @param tags tag to target, added or replaced
   * @return the new {@code signed} object, ready for {@link CanonicalJson}
   */
  public static Map<String, Object> next(
      Optional<SignedRole> current, Map<String, Target> tags, Instant expires) {
    Map<String, Object> targets = new TreeMap<>();
    Map<String, Object> delegations = emptyDelegations();
    long version = 1;
    if (current.isPresent()) {
      targets.putAll(current.get().object("targets"));
      delegations = current.get().object("delegations");
      version = current.get().version() + 1;
    }
    tags.forEach((tag, target) -> targets.put(tag, target.toJson()));
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("_type", "Targets");
    signed.put("delegations", delegations);
    signed.put("expires", expires.truncatedTo(ChronoUnit.SECONDS).toString());
    signed.put("targets", targets);
    signed.put("version", version);
    return signed;
  }

  /** What a targets role that delegates nothing holds, as the notary client writes it. */
  public static Map<String, Object> emptyDelegations() {
    Map<String, Object> delegations = new LinkedHashMap<>();
    delegations.put("keys", Map.of());
    delegations.put("roles", List.of());
    return delegations;
  }

  /**
   * The role file {@code {"signed":…,"signatures":[{"keyid":…,"method":…,"sig":…}]}} byte for byte
   * as the notary client and server write it (Go's {@code encoding/json} over notary's {@code
   * data.Signed}: struct field order, {@code signed} as its canonical bytes). The server hashes the
   * file as it would write it, so any other layout (even canonical JSON, which sorts {@code
   * signatures} first) leaves the snapshot listing a hash that the served file does not have.
   *
   * @param signatures each {@code keyid}, {@code method} and {@code sig} (base64 text or bytes)
   */
  public static byte[] envelope(Map<String, Object> signed, List<Map<String, Object>> signatures) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
    out.writeBytes("{\"signed\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.writeBytes(CanonicalJson.encode(signed));
    out.writeBytes(",\"signatures\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (int i = 0; i < signatures.size(); i++) {
      Map<String, Object> signature = signatures.get(i);
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes("{\"keyid\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(CanonicalJson.encode(signature.get("keyid")));
      out.writeBytes(",\"method\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(CanonicalJson.encode(signature.get("method")));
      out.writeBytes(",\"sig\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(CanonicalJson.encode(signature.get("sig")));
      out.write('}');
    }
    out.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
