package dev.hallmark.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static String canonical(Object value) {
    return new String(CanonicalJson.encode(value), StandardCharsets.UTF_8);
  }

  @Test
  void objects_haveSortedKeysAndNoWhitespace() {
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("version", 3);
    targets.put("_type", "Targets");
    targets.put("expires", "2029-11-23T00:00:00Z");
    targets.put("delegations", Map.of("keys", Map.of(), "roles", List.of()));

    assertThat(canonical(targets))
        .isEqualTo(
            "{\"_type\":\"Targets\",\"delegations\":{\"keys\":{},\"roles\":[]},"
                + "\"expires\":\"2029-11-23T00:00:00Z\",\"version\":3}");
  }

  @Test
  void strings_escapeOnlyQuoteAndBackslash_andKeepUtf8AndControlCharacters() {
    assertThat(canonical("a\"b\\c/é\n<>&")).isEqualTo("\"a\\\"b\\\\c/é\n<>&\"");
  }

  @Test
  void keys_areSortedByUtf8Bytes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("é", 1);
    map.put("z", 2);
    map.put("A", 3);

    assertThat(canonical(map)).isEqualTo("{\"A\":3,\"z\":2,\"é\":1}");
  }

  @Test
  void bytes_areBase64_nullAndBooleansAreLiterals() {
    assertThat(canonical(Arrays.asList(new byte[] {1, 2, 3}, null, true, 12345678901L)))
        .isEqualTo("[\"AQID\",null,true,12345678901]");
  }

  @Test
  void floatingPoint_isRefused() {
    assertThatThrownBy(() -> CanonicalJson.encode(Map.of("length", 1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Double");
  }
}
