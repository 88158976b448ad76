package dev.hallmark.deploy.local.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {

  @Test
  void escape_lineBreaksAndControlCharacters_staysOnOneLine() {
    assertThat(OneLine.escape("a\nb\r\tc\\d\u001b[2J"))
        .isEqualTo("a\\nb\\r\\tc\\\\d\\u001b[2J")
        .doesNotContain("\n");
  }
}
