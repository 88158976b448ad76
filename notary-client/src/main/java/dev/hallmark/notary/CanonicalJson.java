package dev.hallmark.notary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON as Notary v1 signs and hashes it (docker/go {@code canonical/json};
 * docs/formats.md, "Canonical JSON"): object keys sorted by their UTF-8 bytes, no whitespace,
 * strings with only {@code "} and {@code \} escaped and everything else written as UTF-8, integers
 * only. The same bytes everywhere make signatures and key ids reproducible: a key id is the SHA-256
 * of a key's canonical form, and a role's signature is over its canonical {@code signed} object.
 *
 * <p>Values: {@link Map} with {@link String} keys, {@link List}, {@link String}, {@link Integer},
 * {@link Long}, {@link Boolean}, {@code null}, and {@code byte[]}, which is written as a base64
 * string, as Go's encoder writes a byte slice.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /**
   * @throws IllegalArgumentException for a value of another type (floating point numbers have no
   *     canonical form here and are refused)
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value == null) {
      out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof String string) {
      writeString(out, string);
    } else if (value instanceof byte[] bytes) {
      writeString(out, Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Integer || value instanceof Long) {
      out.writeBytes(value.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof Boolean bool) {
      out.writeBytes(bool.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map);
    } else if (value instanceof List<?> list) {
      out.write('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        write(out, list.get(i));
      }
      out.write(']');
    } else {
      throw new IllegalArgumentException(
          "no canonical JSON form for " + value.getClass().getSimpleName());
    }
  }

  private static void writeObject(ByteArrayOutputStream out, Map<?, ?> map) {
    List<byte[]> keys = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (!(key instanceof String string)) {
        throw new IllegalArgumentException("object keys must be strings, not " + key);
      }
      keys.add(string.getBytes(StandardCharsets.UTF_8));
    }
    keys.sort(Arrays::compareUnsigned);
    out.write('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String key = new String(keys.get(i), StandardCharsets.UTF_8);
      writeString(out, key);
      out.write(':');
      write(out, map.get(key));
    }
    out.write('}');
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    out.write('"');
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      if (b == '"' || b == '\\') {
        out.write('\\');
      }
      out.write(b);
    }
    out.write('"');
  }
}
