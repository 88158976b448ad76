package dev.hallmark.policy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void fromApiName_lowerCaseNames_areTheVerdicts() {
    assertThat(Verdict.fromApiName("approve")).hasValue(Verdict.APPROVE);
    assertThat(Verdict.fromApiName("reject")).hasValue(Verdict.REJECT);
  }

  @Test
  void fromApiName_otherSpelling_isNone() {
    assertThat(Verdict.fromApiName("APPROVE")).isEmpty();
    assertThat(Verdict.fromApiName("approved")).isEmpty();
    assertThat(Verdict.fromApiName("")).isEmpty();
  }
}
