package dev.hallmark.audit.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one byte serialization of ledger leaves: JSON canonicalized as RFC 8785 (JCS) does it, for
 * the values a leaf holds (objects, arrays, strings, integers, booleans; no fractions). So an
 * auditor can re-serialize a parsed leaf with any JCS implementation and get the same bytes:
 *
 * <ul>
 *   <li>UTF-8, no whitespace between tokens;
 *   <li>object members sorted by their names' UTF-16 code units ({@link String#compareTo}); a
 *       member whose value is null is left out (absent means null);
 *   <li>strings escape {@code "} and {@code \} with a backslash, U+0008, U+0009, U+000A, U+000C,
 *       U+000D as {@code \b \t \n \f \r}, other characters below U+0020 as {@code \}{@code u00xx}
 *       (lower-case hex), and everything else literally;
 *   <li>integers in decimal without leading zeros or a plus sign, at most 2^53 - 1 in magnitude
 *       (what every JSON implementation reads exactly).
 * </ul>
 */
public final class CanonicalJson {
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
  private static final JsonFactory JSON = new JsonFactory();

  private CanonicalJson() {}

  /**
   * @param value a {@link Map} with string keys, a {@link List}, {@link String}, {@link Long},
   *     {@link Integer}, {@link Boolean} or null, nested
   */
  public static byte[] encode(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses JSON into {@link Map} (sorted by name), {@link List}, {@link String}, {@link Long},
   * {@link Boolean} and null.
   *
   * @throws MalformedLeafException if it is not JSON of those values
   */
  public static Object parse(byte[] json) {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken first = parser.nextToken();
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new MalformedLeafException("trailing content after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new MalformedLeafException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedLeafException("not JSON: " + e.getClass().getSimpleName());
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new MalformedLeafException("no JSON value");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> members = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          members.put(name, read(parser, parser.nextToken()));
        }
        return members;
      }
      case START_ARRAY -> {
        List<Object> elements = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          elements.add(read(parser, next));
        }
        return elements;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getLongValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new MalformedLeafException("unexpected JSON token " + token);
    }
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, out);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String text) {
      writeString(text, out);
    } else if (value instanceof Long || value instanceof Integer) {
      long number = ((Number) value).longValue();
      if (Math.abs(number) > MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("integer beyond 2^53 - 1: " + number);
      }
      out.append(number);
    } else if (value instanceof Boolean bool) {
      out.append(bool.booleanValue());
    } else {
      throw new IllegalArgumentException("no canonical JSON for " + value.getClass().getName());
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> member : map.entrySet()) {
      if (!(member.getKey() instanceof String name)) {
        throw new IllegalArgumentException("object member names must be strings");
      }
      if (member.getValue() != null) {
        sorted.put(name, member.getValue());
      }
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(member.getKey(), out);
      out.append(':');
      write(member.getValue(), out);
    }
    out.append('}');
  }

  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** For tests and tools: the canonical form as text. */
  static String encodeToString(Object value) {
    return new String(encode(value), StandardCharsets.UTF_8);
  }
}
