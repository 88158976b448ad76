package dev.hallmark.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.SoftHsmToken;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SoftHSM2 token of the integration tests, in {@code target/softhsm}. SoftHSM reads {@code
 * SOFTHSM2_CONF} once per process, so failsafe sets it for the test JVM (signer-service/pom.xml)
 * and the token is created there before the first application context loads the module.
 */
public final class TestToken {
  public static final String LABEL = "hallmark-it";

  private static SoftHsmToken token;

  private TestToken() {}

  public static synchronized SoftHsmToken shared() {
    if (token == null) {
      String conf = System.getenv(SoftHsmToken.CONF_ENV);
      if (conf == null || conf.isBlank()) {
        throw new AssertionError(
            "SOFTHSM2_CONF is not set: run the ITs through failsafe (mvn verify), which sets it");
      }
      Path confFile = Path.of(conf).toAbsolutePath().normalize();
      token = SoftHsmToken.open(confFile.getParent(), LABEL);
      assertThat(token.confFile()).isEqualTo(confFile);
    }
    return token;
  }

  /** Points the service at the token by its label. */
  public static Map<String, String> properties() {
    SoftHsmToken token = shared();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("hallmark.signer.pkcs11.library", token.library().toString());
    properties.put("hallmark.signer.pkcs11.token-label", token.label());
    properties.put("hallmark.signer.pkcs11.pin-file", token.pinFile().toString());
    return properties;
  }
}
