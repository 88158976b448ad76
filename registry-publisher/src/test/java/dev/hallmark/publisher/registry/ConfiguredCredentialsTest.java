package dev.hallmark.publisher.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.oci.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredCredentialsTest {
  @TempDir Path dir;

  @Test
  void lookup_configuredHost_readsPasswordFileStripped() throws Exception {
    Path secret = Files.writeString(dir.resolve("password"), "s3cret\n");
    ConfiguredCredentials credentials =
        new ConfiguredCredentials(
            List.of(
                new RegistrySettings("corp", "registry.example:5000", "hallmark", secret, false),
                new RegistrySettings("local", "127.0.0.1:15000", null, null, true)));

    assertThat(credentials.lookup("registry.example:5000"))
        .contains(new RegistryCredentials.Credential("hallmark", "s3cret"));
    assertThat(credentials.lookup("127.0.0.1:15000")).isEmpty();
    assertThat(credentials.lookup("unknown.example")).isEmpty();
  }

  @Test
  void settings_withoutHost_useTheName_andToStringHasNoSecretPath() {
    RegistrySettings settings =
        new RegistrySettings("localhost:5000", null, "u", Path.of("/run/secret"), false);

    assertThat(settings.effectiveHost()).isEqualTo("localhost:5000");
    assertThat(settings.toString()).doesNotContain("/run/secret");
  }
}
