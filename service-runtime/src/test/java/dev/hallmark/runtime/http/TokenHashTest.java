package dev.hallmark.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenHashTest {
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void sha256Hex_token_isLowerCaseHexSha256() {
    assertThat(TokenHash.sha256Hex("abc")).isEqualTo(ABC_SHA256);
  }

  @Test
  void sha256Hex_nonAsciiToken_hashesUtf8Bytes() {
    assertThat(TokenHash.sha256Hex("tök€n"))
        .isEqualTo("df84331714c7e96716baee01dfc421e888fa6701e51b69ab866a72643ca4b89a");
  }

  @Test
  void matchesSha256_hashOfPresentedToken_isTrue() {
    assertThat(TokenHash.matchesSha256("abc", ABC_SHA256)).isTrue();
  }

  @Test
  void matchesSha256_otherToken_isFalse() {
    assertThat(TokenHash.matchesSha256("abd", ABC_SHA256)).isFalse();
  }

  @Test
  void matchesSha256_tokenItselfAsExpected_isFalseBecauseHashesAreCompared() {
    assertThat(TokenHash.matchesSha256("abc", "abc")).isFalse();
    assertThat(TokenHash.matchesSha256(ABC_SHA256, ABC_SHA256)).isFalse();
  }

  @Test
  void matchesSha256_expectedNotInStoredForm_isFalse() {
    assertThat(TokenHash.matchesSha256("abc", ABC_SHA256.toUpperCase())).isFalse();
    assertThat(TokenHash.matchesSha256("abc", "")).isFalse();
  }
}
