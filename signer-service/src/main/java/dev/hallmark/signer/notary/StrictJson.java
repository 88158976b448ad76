package dev.hallmark.signer.notary;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Parses JSON into the plain values {@link dev.hallmark.notary.CanonicalJson} writes ({@link Map},
 * {@link java.util.List}, {@link String}, {@link Long}, {@link Boolean}, {@code null}). Duplicate
 * keys and trailing content are refused: a document that two parsers could read differently must
 * not be signed. Numbers that are no {@code long} stay {@code BigInteger} or {@code Double}, which
 * have no canonical form, so a round trip through {@code CanonicalJson} refuses them.
 */
public final class StrictJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /**
   * @return the object; empty if the bytes are not exactly one JSON object
   */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> parseObject(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, Object.class) instanceof Map<?, ?> map
          ? Optional.of((Map<String, Object>) map)
          : Optional.empty();
    } catch (IOException e) {
      // Never the parser's message: it quotes the input.
      return Optional.empty();
    }
  }
}
