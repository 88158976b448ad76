package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SoftHsmToken} against the real softhsm2-util. */
class SoftHsmTokenIT {
  @TempDir Path dir;

  @Test
  void open_newDirectory_initializesTokenWithOwnerOnlyPinFiles() throws Exception {
    SoftHsmToken token = SoftHsmToken.open(dir.resolve("hsm"), "hallmark-test");

    assertThat(token.label()).isEqualTo("hallmark-test");
    assertThat(token.confFile()).isRegularFile();
    assertThat(Files.readString(token.confFile()))
        .contains("directories.tokendir = " + dir.resolve("hsm/tokens"));
    assertThat(token.library()).isRegularFile();
    assertThat(token.slotIndex()).hasValue(0);
    for (Path secret : new Path[] {token.pinFile(), token.soPinFile()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(secret).trim()).hasSizeGreaterThanOrEqualTo(32);
    }
    assertThat(Files.readString(token.pinFile())).isNotEqualTo(Files.readString(token.soPinFile()));
    assertThat(token.environment()).containsEntry("SOFTHSM2_CONF", token.confFile().toString());
  }

  @Test
  void open_twice_reusesTokenAndPin() throws Exception {
    SoftHsmToken first = SoftHsmToken.open(dir, "reused");
    String pin = Files.readString(first.pinFile());

    SoftHsmToken second = SoftHsmToken.open(dir, "reused");

    assertThat(second.slotId()).isEqualTo(first.slotId());
    assertThat(Files.readString(second.pinFile())).isEqualTo(pin);
  }

  @Test
  void open_secondLabelInSameDirectory_addsTokenKeepsFirstPinAndIndexBecomesAmbiguous()
      throws Exception {
    SoftHsmToken first = SoftHsmToken.open(dir, "one");
    String firstPin = Files.readString(first.pinFile());
    SoftHsmToken second = SoftHsmToken.open(dir, "two");

    assertThat(second.slotId()).isNotEqualTo(first.slotId());
    assertThat(second.pinFile()).isNotEqualTo(first.pinFile());
    assertThat(Files.readString(first.pinFile())).isEqualTo(firstPin);
    assertThat(second.slotIndex()).isEmpty();
    assertThat(SoftHsmToken.open(dir, "one").slotId()).isEqualTo(first.slotId());
  }
}
