package dev.hallmark.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {

  @Test
  void parse_bearerWithQuotedCommaInScope_keepsAllParameters() {
    List<Challenge> challenges =
        Challenge.parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:samalba/my-app:pull,push\"");

    assertThat(challenges).hasSize(1);
    Challenge challenge = challenges.get(0);
    assertThat(challenge.isBearer()).isTrue();
    assertThat(challenge.param("realm")).hasValue("https://auth.docker.io/token");
    assertThat(challenge.param("service")).hasValue("registry.docker.io");
    assertThat(challenge.param("scope")).hasValue("repository:samalba/my-app:pull,push");
  }

  @Test
  void parse_basicWithUnquotedRealmAndEscapes_parses() {
    Challenge challenge = Challenge.parse("Basic realm=reg, charset=\"UTF\\\"8\"").get(0);

    assertThat(challenge.isBasic()).isTrue();
    assertThat(challenge.param("realm")).hasValue("reg");
    assertThat(challenge.param("charset")).hasValue("UTF\"8");
  }

  @Test
  void select_severalChallenges_prefersBearer() {
    assertThat(Challenge.select(List.of("Basic realm=\"x\", Bearer realm=\"https://t/token\"")))
        .get()
        .extracting(Challenge::scheme)
        .isEqualTo("Bearer");
    assertThat(Challenge.select(List.of())).isEmpty();
  }
}
