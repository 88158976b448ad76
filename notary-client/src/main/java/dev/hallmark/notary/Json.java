package dev.hallmark.notary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads role files into the plain values {@link CanonicalJson} writes ({@link Map}, {@link List},
 * {@link String}, {@link Long}, {@link Boolean}, {@code null}), so that a parsed {@code signed}
 * object re-encodes to the canonical bytes its signatures are over. Floating point numbers are
 * refused: TUF metadata has none, and they have no canonical form.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private Json() {}

  static Map<String, Object> parseObject(byte[] bytes, String what) {
    Object value;
    try {
      value = MAPPER.readValue(bytes, Object.class);
    } catch (JsonProcessingException e) {
      throw new TrustDataException(
          TrustProblem.MALFORMED,
          what + " is not JSON (line " + e.getLocation().getLineNr() + ")",
          null);
    } catch (IOException e) {
      throw new TrustDataException(TrustProblem.MALFORMED, what + " could not be read", e);
    }
    return object(value, what);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new TrustDataException(TrustProblem.MALFORMED, what + " is not a JSON object");
  }

  static List<?> array(Object value, String what) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new TrustDataException(TrustProblem.MALFORMED, what + " is not a JSON array");
  }

  static String string(Object value, String what) {
    if (value instanceof String string) {
      return string;
    }
    throw new TrustDataException(TrustProblem.MALFORMED, what + " is not a string");
  }

  static long integer(Object value, String what) {
    if (value instanceof Long number) {
      return number;
    }
    if (value instanceof Integer number) {
      return number;
    }
    if (value instanceof BigInteger) {
      throw new TrustDataException(TrustProblem.MALFORMED, what + " is out of range");
    }
    throw new TrustDataException(TrustProblem.MALFORMED, what + " is not an integer");
  }
}
