package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and configuration of {@link SoftHsmToken}, without running SoftHSM. */
class SoftHsmTokenTest {
  /** Output of softhsm2-util 2.6.1 --show-slots with two tokens, abridged to what is parsed. */
  static final String TWO_TOKENS =
      """
      Available slots:
      Slot 103726704
          Slot info:
              Description:      SoftHSM slot ID 0x62ebe70
              Token present:    yes
          Token info:
              Initialized:      yes
              User PIN init.:   yes
              Label:            t2                              \n\
      Slot 475343586
          Slot info:
              Description:      SoftHSM slot ID 0x1c552ae2
          Token info:
              Initialized:      yes
              Label:            t1                              \n\
      Slot 2
          Slot info:
              Description:      SoftHSM slot ID 0x2
          Token info:
              Initialized:      no
              Label:                                            \n\
      """;

  @Test
  void findSlot_twoTokens_givesIdAndListPosition() {
    assertThat(SoftHsmToken.findSlot(TWO_TOKENS, "t1"))
        .hasValue(new SoftHsmToken.SlotInfo(475343586L, 1, 2));
    assertThat(SoftHsmToken.findSlot(TWO_TOKENS, "t2"))
        .hasValue(new SoftHsmToken.SlotInfo(103726704L, 0, 2));
  }

  @Test
  void findSlot_unknownLabel_isEmpty() {
    assertThat(SoftHsmToken.findSlot(TWO_TOKENS, "t3")).isEmpty();
    assertThat(SoftHsmToken.findSlot("Available slots:\n", "t1")).isEmpty();
  }

  @Test
  void config_usesFileBackendAndGivenTokenDir() {
    assertThat(SoftHsmToken.config(Path.of("/x/tokens")))
        .contains("directories.tokendir = /x/tokens\n")
        .contains("objectstore.backend = file\n");
  }

  @Test
  void locateLibrary_envPointsNowhere_failsNamingTheVariable() {
    assertThatThrownBy(
            () ->
                SoftHsmToken.locateLibrary(
                    Map.of(SoftHsmToken.LIBRARY_ENV, "/nonexistent/libsofthsm2.so")))
        .isInstanceOf(MissingBinaryException.class)
        .hasMessageContaining(SoftHsmToken.LIBRARY_ENV);
  }

  @Test
  void open_invalidLabel_isRejectedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> SoftHsmToken.open(Path.of("/nonexistent"), "has space"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("has space");
  }
}
