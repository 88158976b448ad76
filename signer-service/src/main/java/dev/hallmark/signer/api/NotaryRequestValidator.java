package dev.hallmark.signer.api;

import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.runtime.http.FieldErrors;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.signer.images.ImageNames;
import dev.hallmark.signer.notary.NotaryProposal;
import dev.hallmark.signer.notary.StrictJson;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a {@link NotarySigningRequest} against the API contract and turns it into a {@link
 * NotaryProposal}. The {@code signed} bytes must be canonical JSON: the signature is over the
 * canonical form, so bytes that are not canonical would be signed as something other than what was
 * sent, and two parsers could disagree about them.
 */
public final class NotaryRequestValidator {
  private NotaryRequestValidator() {}

  /**
   * @throws InvalidRequestException naming every invalid field
   */
  public static NotaryProposal validate(NotarySigningRequest request) {
    FieldErrors errors = new FieldErrors();
    UUID requestId = requestId(errors, request.requestId());
    Gun gun = gun(errors, request.gun());
    Map<String, Object> signed = signed(errors, request.signed());
    errors.throwIfAny();
    return new NotaryProposal(requestId, gun.registry(), gun.repository(), signed);
  }

  private record Gun(String registry, String repository) {}

  private static UUID requestId(FieldErrors errors, String value) {
    if (value == null || value.isBlank()) {
      errors.add("requestId", "is required");
      return null;
    }
    try {
      UUID id = UUID.fromString(value);
      // UUID.fromString also takes short forms such as 1-1-1-1-1; only the canonical one names a
      // request.
      if (id.toString().equals(value.toLowerCase(Locale.ROOT))) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add("requestId", "must be a request id (UUID)");
    return null;
  }

  private static Gun gun(FieldErrors errors, String value) {
    if (value == null || value.isBlank()) {
      errors.add("gun", "is required");
      return null;
    }
    int slash = value.indexOf('/');
    String registry = slash < 0 ? value : value.substring(0, slash);
    String repository = slash < 0 ? "" : value.substring(slash + 1);
    if (!ImageNames.isRegistry(registry) || !ImageNames.isRepository(repository)) {
      errors.add(
          "gun",
          "must be <registry>/<repository>, e.g. registry.example:5000/team/app (no tag or"
              + " digest)");
      return null;
    }
    return new Gun(registry, repository);
  }

  private static Map<String, Object> signed(FieldErrors errors, String value) {
    if (value == null || value.isEmpty()) {
      errors.add("signed", "is required");
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      errors.add("signed", "must be base64 (RFC 4648 section 4, padded, no line breaks)");
      return null;
    }
    Optional<Map<String, Object>> parsed = StrictJson.parseObject(bytes);
    if (parsed.isEmpty()) {
      errors.add(
          "signed",
          "must be one JSON object, the targets/releases signed object (no duplicate keys,"
              + " integers within 64 bits)");
      return null;
    }
    if (!isCanonical(parsed.get(), bytes)) {
      errors.add(
          "signed",
          "must be canonical JSON (keys sorted, no whitespace, integers only): the exact bytes"
              + " that are signed");
      return null;
    }
    return parsed.get();
  }

  private static boolean isCanonical(Map<String, Object> parsed, byte[] bytes) {
    try {
      return Arrays.equals(CanonicalJson.encode(parsed), bytes);
    } catch (IllegalArgumentException e) {
      // A number that is no long (fraction, exponent, too large) has no canonical form.
      return false;
    }
  }
}
