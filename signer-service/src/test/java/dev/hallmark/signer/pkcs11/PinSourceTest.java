package dev.hallmark.signer.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinSourceTest {
  static final String SECRET = "s3cret-pin-value";

  @TempDir Path dir;

  @Test
  void read_pinFile_givesFirstLineWithoutTrailingWhitespace() throws Exception {
    Path file = Files.writeString(dir.resolve("pin"), SECRET + "  \r\nignored\n");

    assertThat(new PinSource(file.toString(), Map.of()).read()).isEqualTo(SECRET.toCharArray());
  }

  @Test
  void read_envOnly_givesEnvValue() {
    assertThat(new PinSource(null, Map.of(PinSource.PIN_ENV, SECRET)).read())
        .isEqualTo(SECRET.toCharArray());
  }

  @Test
  void read_bothSources_isRefusedWithoutShowingThePin() throws Exception {
    Path file = Files.writeString(dir.resolve("pin"), SECRET);

    assertThatThrownBy(
            () -> new PinSource(file.toString(), Map.of(PinSource.PIN_ENV, SECRET)).read())
        .isInstanceOf(PinUnavailableException.class)
        .hasMessageContaining("keep one")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void read_noSource_saysWhereToPutIt() {
    assertThatThrownBy(() -> new PinSource("", Map.of()).read())
        .isInstanceOf(PinUnavailableException.class)
        .hasMessageContaining("hallmark.signer.pkcs11.pin-file")
        .hasMessageContaining(PinSource.PIN_ENV);
  }

  @Test
  void read_emptyOrMissingFile_isRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> new PinSource(empty.toString(), Map.of()).read())
        .isInstanceOf(PinUnavailableException.class)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> new PinSource(dir.resolve("absent").toString(), Map.of()).read())
        .isInstanceOf(PinUnavailableException.class)
        .hasMessageContaining("cannot read");
  }
}
