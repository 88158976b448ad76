package dev.hallmark.policy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalRuleTest {

  @Test
  void shortForm_wholeUnits_usesTheLargestExactUnitUpToHours() {
    assertThat(ApprovalRule.shortForm(Duration.ofHours(24))).isEqualTo("24h");
    assertThat(ApprovalRule.shortForm(Duration.ofDays(7))).isEqualTo("168h");
    assertThat(ApprovalRule.shortForm(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(ApprovalRule.shortForm(Duration.ofSeconds(2))).isEqualTo("2s");
  }

  @Test
  void shortForm_fractionOfASecond_isIso8601() {
    assertThat(ApprovalRule.shortForm(Duration.ofMillis(1500))).isEqualTo("PT1.5S");
  }

  @Test
  void expiresAfterText_ofRule_isItsShortForm() {
    assertThat(new ApprovalRule(2, "release", Duration.ofMinutes(30)).expiresAfterText())
        .isEqualTo("30m");
  }
}
