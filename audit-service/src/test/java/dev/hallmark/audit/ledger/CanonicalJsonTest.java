package dev.hallmark.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void encode_object_sortsMembersLeavesOutNullsAndHasNoWhitespace() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", 2L);
    value.put("a", List.of("x", true, false));
    value.put("c", null);
    value.put("A", Map.of("z", 1, "y", "é"));

    assertThat(CanonicalJson.encodeToString(value))
        .isEqualTo("{\"A\":{\"y\":\"é\",\"z\":1},\"a\":[\"x\",true,false],\"b\":2}");
  }

  @Test
  void encode_strings_escapeAsRfc8785() {
    String text = "q\"b\\\b\t\n\f\r\u0001\u001f\u007f/€😀";

    assertThat(CanonicalJson.encodeToString(text))
        .isEqualTo("\"q\\\"b\\\\\\b\\t\\n\\f\\r\\u0001\\u001f\u007f/€😀\"");
    assertThat(CanonicalJson.encode("€")).isEqualTo("\"€\"".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encode_memberNames_sortByUtf16CodeUnits() {
    // U+FB01 sorts after U+1D11E as UTF-16 (0xFB01 > 0xD834), before it as code points.
    Map<String, Object> value = Map.of("\uFB01", 1L, "\uD834\uDD1E", 2L, "a", 3L);

    assertThat(CanonicalJson.encodeToString(value))
        .isEqualTo("{\"a\":3,\"\uD834\uDD1E\":2,\"\uFB01\":1}");
  }

  @Test
  void encode_integerBeyondTwoToThe53_isRefused() {
    assertThatThrownBy(() -> CanonicalJson.encode(1L << 53))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CanonicalJson.encodeToString(-((1L << 53) - 1))).isEqualTo("-9007199254740991");
  }

  @Test
  void parse_encoded_givesTheSameValueBack() {
    Map<String, Object> value =
        Map.of("n", 42L, "list", Arrays.asList("a", null, 7L), "o", Map.of("t", true));

    Object parsed = CanonicalJson.parse(CanonicalJson.encode(value));

    assertThat(parsed).isEqualTo(value);
    assertThat(CanonicalJson.encode(parsed)).isEqualTo(CanonicalJson.encode(value));
  }

  @Test
  void parse_notJsonOrTrailingContent_isMalformed() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLeafException.class);
    assertThatThrownBy(() -> CanonicalJson.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLeafException.class);
    assertThatThrownBy(() -> CanonicalJson.parse("1.5".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLeafException.class);
  }
}
