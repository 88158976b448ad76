package dev.hallmark.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

  @Test
  void from_bearerAndToken_isTheToken() {
    assertThat(BearerToken.from("Bearer ci-token.1~2+3/4=")).hasValue("ci-token.1~2+3/4=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer abc", "BEARER abc", "bEaReR abc"})
  void from_schemeInAnyCase_isTheToken(String authorization) {
    assertThat(BearerToken.from(authorization)).hasValue("abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer   abc", "Bearer abc  ", "Bearer \tabc\t"})
  void from_whitespaceAroundToken_isDropped(String authorization) {
    assertThat(BearerToken.from(authorization)).hasValue("abc");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "Bearer",
        "Bearer ",
        "Bearer    ",
        "Bearer \t ",
        "Bearerabc",
        "Bearer\tabc",
        "Bearer:abc",
        "Basic YWRtaW46c2VjcmV0",
        "Token abc",
        "Bearer abc def",
        "Bearer abc\tdef",
        "Bearer Bearer abc"
      })
  void from_missingOrMalformed_isEmpty(String authorization) {
    assertThat(BearerToken.from(authorization)).isEmpty();
  }
}
