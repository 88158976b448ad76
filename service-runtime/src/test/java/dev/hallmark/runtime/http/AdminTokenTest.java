package dev.hallmark.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminTokenTest {
  private static final String TOKEN = "s3cret-admin-token";
  private static final String SETTING = "hallmark.test.admin-token-sha256";

  @Test
  void authenticate_rightToken_returnsAdmin() {
    AdminToken admin = new AdminToken(SETTING, TokenHash.sha256Hex(TOKEN), "the test API");

    assertThat(admin.authenticate("Bearer " + TOKEN)).isEqualTo(AdminToken.ADMIN);
  }

  @Test
  void authenticate_wrongOrMissingToken_refusesWithoutRepeatingIt() {
    AdminToken admin = new AdminToken(SETTING, TokenHash.sha256Hex(TOKEN), "the test API");

    assertThatThrownBy(() -> admin.authenticate("Bearer wrong-token"))
        .isInstanceOf(NotAuthenticatedException.class)
        .hasMessageNotContaining("wrong-token");
    assertThatThrownBy(() -> admin.authenticate(null))
        .isInstanceOf(NotAuthenticatedException.class)
        .hasMessageContaining("Bearer <admin token> is required");
  }

  @Test
  void authenticate_noHashConfigured_refusesEveryone() {
    AdminToken admin = new AdminToken(SETTING, " ", "the test API");

    assertThatThrownBy(() -> admin.authenticate("Bearer " + TOKEN))
        .isInstanceOf(NotAuthenticatedException.class)
        .hasMessageContaining("the test API is off");
  }

  @Test
  void create_malformedHash_failsNamingTheSetting() {
    assertThatThrownBy(() -> new AdminToken(SETTING, "ABC", "the test API"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SETTING);
  }
}
