package dev.hallmark.notary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One role file as served ({@code {"signed":{…},"signatures":[…]}}): its exact bytes (which the
 * parent role's meta hashes), its {@code signed} object, and the canonical bytes of that object,
 * which are what the signatures are over.
 */
public record SignedRole(
    String role,
    byte[] raw,
    Map<String, Object> signed,
    byte[] canonicalSigned,
    List<RoleSignature> signatures) {

  /**
   * @throws TrustDataException ({@link TrustProblem#MALFORMED}) if it is not a role file
   */
  public static SignedRole parse(String role, byte[] raw) {
    Map<String, Object> envelope = Json.parseObject(raw, role + ".json");
    Map<String, Object> signed = Json.object(envelope.get("signed"), role + " signed");
    byte[] canonical;
    try {
      canonical = CanonicalJson.encode(signed);
    } catch (IllegalArgumentException e) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, role + " has no canonical form: " + e.getMessage(), e);
    }
    List<RoleSignature> signatures = new ArrayList<>();
    for (Object entry : Json.array(envelope.get("signatures"), role + " signatures")) {
      Map<String, Object> signature = Json.object(entry, role + " signature");
      try {
        signatures.add(
            new RoleSignature(
                Json.string(signature.get("keyid"), role + " signature keyid"),
                Json.string(signature.get("method"), role + " signature method"),
                Base64.getDecoder().decode(Json.string(signature.get("sig"), role + " sig"))));
      } catch (IllegalArgumentException e) {
        throw new TrustDataException(TrustProblem.MALFORMED, role + " sig is not base64", e);
      }
    }
    return new SignedRole(role, raw.clone(), signed, canonical, List.copyOf(signatures));
  }

  /** {@code _type}: Root, Targets, Snapshot or Timestamp. */
  public String type() {
    return Json.string(signed.get("_type"), role + " _type");
  }

  public long version() {
    return Json.integer(signed.get("version"), role + " version");
  }

  /** {@code expires}, RFC 3339 as Go writes it (nanoseconds, {@code Z} or an offset). */
  public Instant expires() {
    String value = Json.string(signed.get("expires"), role + " expires");
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, role + " expires is not RFC 3339: " + value, e);
    }
  }

  /** Sub-object {@code name} of {@code signed}. */
  public Map<String, Object> object(String name) {
    return Json.object(signed.get(name), role + " " + name);
  }
}
