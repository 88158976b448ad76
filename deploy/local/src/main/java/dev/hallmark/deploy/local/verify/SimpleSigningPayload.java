package dev.hallmark.deploy.local.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A cosign "simple signing" payload, parsed as strictly as containers/image does ({@code
 * signature/internal/sigstore_payload.go}, {@code strictUnmarshalJSON}): the top level has exactly
 * {@code critical} and {@code optional}; {@code critical} exactly {@code type}, {@code image},
 * {@code identity}; {@code image} exactly {@code docker-manifest-digest}; {@code identity} exactly
 * {@code docker-reference}; {@code type} is {@value #TYPE}; {@code optional} is null or an object
 * whose {@code creator}, if present, is a string and whose {@code timestamp}, if present, is an
 * integral number; no key appears twice anywhere.
 *
 * @param dockerManifestDigest the signed image digest
 * @param dockerReference the signed identity, e.g. {@code registry.example/demo/app}
 * @param creator {@code optional.creator}, or null
 * @param timestamp {@code optional.timestamp} (seconds), or null
 */
public record SimpleSigningPayload(
    String dockerManifestDigest, String dockerReference, String creator, Long timestamp) {
  public static final String TYPE = "cosign container image signature";
  private static final Pattern DIGEST =
      Pattern.compile("sha(256:[a-f0-9]{64}|384:[a-f0-9]{96}|512:[a-f0-9]{128})");
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Why a payload is not acceptable; the message names the offending field. */
  public static final class InvalidPayloadException extends Exception {
    InvalidPayloadException(String message) {
      super(message);
    }
  }

  public static SimpleSigningPayload parse(byte[] json) throws InvalidPayloadException {
    JsonNode root;
    try {
      root = STRICT.readTree(json);
    } catch (IOException e) {
      throw new InvalidPayloadException("not strict JSON: " + firstLine(e.getMessage()));
    }
    if (root == null) {
      throw new InvalidPayloadException("empty payload");
    }
    exactFields(root, "top level", "critical", "optional");

    JsonNode optional = root.get("optional");
    String creator = null;
    Long timestamp = null;
    if (!optional.isNull()) {
      if (!optional.isObject()) {
        throw new InvalidPayloadException("optional is neither null nor an object");
      }
      if (optional.has("creator")) {
        creator = text(optional, "creator", "optional.creator");
      }
      if (optional.has("timestamp")) {
        timestamp = integral(optional.get("timestamp"));
      }
    }

    JsonNode critical = root.get("critical");
    exactFields(critical, "critical", "type", "image", "identity");
    String type = text(critical, "type", "critical.type");
    if (!TYPE.equals(type)) {
      throw new InvalidPayloadException("unrecognized signature type " + type);
    }
    JsonNode image = critical.get("image");
    exactFields(image, "critical.image", "docker-manifest-digest");
    String digest = text(image, "docker-manifest-digest", "critical.image.docker-manifest-digest");
    if (!DIGEST.matcher(digest).matches()) {
      throw new InvalidPayloadException("invalid docker-manifest-digest " + digest);
    }
    JsonNode identity = critical.get("identity");
    exactFields(identity, "critical.identity", "docker-reference");
    String reference = text(identity, "docker-reference", "critical.identity.docker-reference");
    return new SimpleSigningPayload(digest, reference, creator, timestamp);
  }

  private static void exactFields(JsonNode node, String where, String... expected)
      throws InvalidPayloadException {
    if (node == null || !node.isObject()) {
      throw new InvalidPayloadException(where + " is not an object");
    }
    Set<String> actual = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      actual.add(names.next());
    }
    Set<String> wanted = new TreeSet<>(Set.of(expected));
    if (!actual.equals(wanted)) {
      Set<String> extra = new TreeSet<>(actual);
      extra.removeAll(wanted);
      Set<String> missing = new TreeSet<>(wanted);
      missing.removeAll(actual);
      throw new InvalidPayloadException(
          where
              + " must have exactly "
              + wanted
              + (extra.isEmpty() ? "" : ", unexpected " + extra)
              + (missing.isEmpty() ? "" : ", missing " + missing));
    }
  }

  private static String text(JsonNode parent, String field, String where)
      throws InvalidPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidPayloadException(where + " is not a string");
    }
    return value.textValue();
  }

  /** containers/image reads the timestamp as a float64 and requires it to be integral. */
  private static Long integral(JsonNode value) throws InvalidPayloadException {
    if (!value.isNumber()) {
      throw new InvalidPayloadException("optional.timestamp is not a number");
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    BigDecimal decimal = value.decimalValue();
    try {
      return decimal.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidPayloadException("optional.timestamp is not an integer");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
