package dev.hallmark.policy.store;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Documents as JSON text with sorted keys, so that equal trees have equal text and equal hashes:
 * PostgreSQL's jsonb reorders keys, and the file and the admin API give them in any order.
 */
@Singleton
final class CanonicalDocuments {
  private static final Argument<Map<String, Object>> TREE =
      Argument.mapOf(String.class, Object.class);
  private final JsonMapper json;

  CanonicalDocuments(JsonMapper json) {
    this.json = json;
  }

  String toJson(Object tree) {
    try {
      return new String(json.writeValueAsBytes(sorted(tree)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("a document of maps, lists and scalars did not serialize", e);
    }
  }

  Map<String, Object> fromJson(String text) {
    try {
      return json.readValue(text, TREE);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored document is not JSON", e);
    }
  }

  /** Hex SHA-256 of the canonical JSON; a policy keeps its version while this stays the same. */
  String sha256(Object tree) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(toJson(tree).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, item) -> sorted.put(String.valueOf(key), sorted(item)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CanonicalDocuments::sorted).toList();
    }
    return value;
  }
}
