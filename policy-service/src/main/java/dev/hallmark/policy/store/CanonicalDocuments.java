package dev.hallmark.policy.store;

import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    // Hex SHA-256 of the UTF-8 text, like a token's: TokenHash's format is fixed by the hashes
    // operators configure, so stored policy hashes cannot change under it.
    return TokenHash.sha256Hex(toJson(tree));
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
