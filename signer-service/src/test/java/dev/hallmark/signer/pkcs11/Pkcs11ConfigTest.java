package dev.hallmark.signer.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The PKCS#11 settings and the SunPKCS11 configuration made from them. */
class Pkcs11ConfigTest {
  static final String LIB = "/usr/lib/softhsm/libsofthsm2.so";

  @Test
  void slotSelection_nothingChosen_isListIndexZero() {
    assertThat(new Pkcs11Properties(LIB, null, null, null, null).slotSelection())
        .isEqualTo(new SlotSelection.ByListIndex(0));
  }

  @Test
  void slotSelection_eachChoice_isUsed() {
    assertThat(new Pkcs11Properties(LIB, 42L, null, null, null).slotSelection())
        .isEqualTo(new SlotSelection.ById(42));
    assertThat(new Pkcs11Properties(LIB, null, 3, null, null).slotSelection())
        .isEqualTo(new SlotSelection.ByListIndex(3));
    assertThat(new Pkcs11Properties(LIB, null, null, "hallmark", null).slotSelection())
        .isEqualTo(new SlotSelection.ByTokenLabel("hallmark"));
  }

  @Test
  void problems_twoChoicesOrNegative_areNamed() {
    assertThat(new Pkcs11Properties(LIB, 1L, null, "x", null).problems())
        .containsExactly(
            "hallmark.signer.pkcs11: set only one of slot, slot-list-index and token-label to"
                + " choose the token");
    assertThat(new Pkcs11Properties(LIB, null, -1, null, null).problems())
        .containsExactly("hallmark.signer.pkcs11.slot-list-index: must not be negative");
    assertThat(new Pkcs11Properties(LIB, null, null, "x".repeat(33), null).problems()).hasSize(1);
  }

  @Test
  void render_generatedKeysAreTokenSensitiveNotExtractableAndSignOnly() {
    String config = SunPkcs11Config.render("hallmark", LIB, new SlotSelection.ByListIndex(0), null);

    assertThat(config)
        .startsWith("--name = hallmark\n")
        .contains("library = " + LIB + "\n")
        .contains("slotListIndex = 0\n")
        .contains("attributes(generate, CKO_PRIVATE_KEY, *) = {\n")
        .contains("  CKA_TOKEN = true\n")
        .contains("  CKA_SENSITIVE = true\n")
        .contains("  CKA_EXTRACTABLE = false\n")
        .contains("  CKA_DECRYPT = false\n")
        .doesNotContain("CKA_LABEL");
  }

  @Test
  void render_withKeyLabel_namesKeyObjectsInHex() {
    String config = SunPkcs11Config.render("hallmark", LIB, new SlotSelection.ById(7), "k1");

    assertThat(config).contains("slot = 7\n").contains("CKA_LABEL = 0h6b31\n");
    assertThat(config.split("CKA_ID = 0h6b31", -1)).hasSize(3);
  }

  @Test
  void render_unresolvedLabelOrOddLibrary_isRefused() {
    assertThatThrownBy(
            () -> SunPkcs11Config.render("h", LIB, new SlotSelection.ByTokenLabel("t"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SunPkcs11Config.render(
                    "h", "/lib\nslot = 3", new SlotSelection.ByListIndex(0), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
