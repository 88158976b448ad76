package dev.hallmark.signer.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What is refused before anything is looked up (the rest: NotarySigningIT, against the real thing).
 */
class NotarySigningTest {
  static final NotaryProposal PROPOSAL =
      new NotaryProposal(UUID.randomUUID(), "registry.example:5000", "team/app", Map.of());

  @Test
  void sign_noUrl_is503NotConfigured() {
    NotaryRefusedException refused =
        refused(new NotarySettings(null, Path.of("/etc/pins.json"), Duration.ofDays(1095)));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.problem()).isEqualTo("NOT_CONFIGURED");
    assertThat(refused.getMessage()).startsWith("Notary is not configured");
  }

  @Test
  void sign_noTrustPinning_is503NotConfigured() {
    NotaryRefusedException refused =
        refused(
            new NotarySettings(URI.create("http://127.0.0.1:4443"), null, Duration.ofDays(1095)));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.problem()).isEqualTo("NOT_CONFIGURED");
  }

  private static NotaryRefusedException refused(NotarySettings settings) {
    // Nothing else is reached when Notary is not configured.
    NotarySigning signing = new NotarySigning(settings, null, null, null, Clock.systemUTC());
    return catchThrowableOfType(NotaryRefusedException.class, () -> signing.sign(PROPOSAL));
  }
}
