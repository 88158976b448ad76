package dev.hallmark.signer.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.signer.pkcs11.Pkcs11Properties;
import dev.hallmark.signer.signers.SigningAlgorithm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of {@code hallmark.signer.keys.*} (and the PKCS#11 settings they need). */
class KeyConfigurationTest {
  static final Pkcs11Properties TOKEN =
      new Pkcs11Properties("/usr/lib/softhsm/libsofthsm2.so", null, 0, null, "/run/pin");

  @Test
  void problems_validPkcs11AndSoftwareKeys_none() {
    List<KeyProperties> keys =
        List.of(
            KeyProperties.pkcs11("demo-cosign", SigningAlgorithm.ECDSA_P256, "hallmark-demo", true),
            KeyProperties.pem("dev", SigningAlgorithm.RSA_2048, "/keys/dev.pem"),
            KeyProperties.pkcs12("dev-p12", null, "/keys/k.p12", "/keys/k.pw", null));

    assertThat(SigningKeys.problems(keys, TOKEN)).isEmpty();
  }

  @Test
  void problems_missingBackend_namesTheProperty() {
    KeyProperties key = new KeyProperties("k", null, null, null, null, null, null, null, null);

    assertThat(key.problems())
        .containsExactly("hallmark.signer.keys.k.backend: required, pkcs11 or software");
  }

  @Test
  void problems_pkcs11WithoutLabelOrWithFiles_listsEach() {
    KeyProperties key =
        new KeyProperties("k", KeyBackend.PKCS11, null, null, true, "/x.pem", null, "/pw", null);

    assertThat(key.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("hallmark.signer.keys.k.label: required"))
        .anySatisfy(p -> assertThat(p).startsWith("hallmark.signer.keys.k.pem-file: not used"))
        .anySatisfy(
            p -> assertThat(p).startsWith("hallmark.signer.keys.k.password-file: not used"));
  }

  @Test
  void problems_softwareWithBothOrNoFiles_isRefused() {
    KeyProperties both =
        new KeyProperties(
            "k", KeyBackend.SOFTWARE, null, null, null, "/a.pem", "/b.p12", "/pw", null);
    KeyProperties none =
        new KeyProperties("k", KeyBackend.SOFTWARE, null, null, null, null, null, null, null);

    assertThat(both.problems()).anySatisfy(p -> assertThat(p).contains("exactly one of pem-file"));
    assertThat(none.problems()).anySatisfy(p -> assertThat(p).contains("exactly one of pem-file"));
  }

  @Test
  void problems_pkcs12WithoutPasswordFile_isRefused() {
    KeyProperties key = KeyProperties.pkcs12("k", null, "/k.p12", null, null);

    assertThat(key.problems())
        .containsExactly("hallmark.signer.keys.k.password-file: required with pkcs12-file");
  }

  @Test
  void problems_softwareCreateIfMissing_isRefused() {
    KeyProperties key =
        new KeyProperties("k", KeyBackend.SOFTWARE, null, null, true, "/a.pem", null, null, null);

    assertThat(key.problems())
        .anySatisfy(p -> assertThat(p).contains("create-if-missing: software keys are never"));
  }

  @Test
  void problems_badIdOrLabel_isRefused() {
    assertThat(KeyProperties.pkcs11("Upper Case", null, "ok", false).problems())
        .anySatisfy(p -> assertThat(p).contains("key id must match"));
    assertThat(KeyProperties.pkcs11("k", null, "bad label", false).problems())
        .anySatisfy(p -> assertThat(p).contains(".label: must match"));
  }

  @Test
  void problems_twoIdsOneLabel_isRefused() {
    List<KeyProperties> keys =
        List.of(
            KeyProperties.pkcs11("a", null, "same", false),
            KeyProperties.pkcs11("b", null, "same", false));

    assertThat(SigningKeys.problems(keys, TOKEN))
        .containsExactly("hallmark.signer.keys.b.label: 'same' is used by another key id");
  }

  @Test
  void problems_pkcs11KeyWithBrokenTokenSettings_includesThem() {
    Pkcs11Properties broken = new Pkcs11Properties(null, 1L, 0, "label", null);
    List<KeyProperties> keys = List.of(KeyProperties.pkcs11("a", null, "l", false));

    assertThat(SigningKeys.problems(keys, broken))
        .anySatisfy(p -> assertThat(p).startsWith("hallmark.signer.pkcs11.library: required"))
        .anySatisfy(p -> assertThat(p).contains("set only one of slot, slot-list-index"));
  }

  @Test
  void problems_softwareKeysOnly_ignoreTokenSettings() {
    Pkcs11Properties broken = new Pkcs11Properties(null, 1L, 0, "label", null);
    List<KeyProperties> keys = List.of(KeyProperties.pem("a", null, "/a.pem"));

    assertThat(SigningKeys.problems(keys, broken)).isEmpty();
  }

  @Test
  void defaults_algorithmIsEcdsaP256AndNothingIsCreated() {
    KeyProperties key =
        new KeyProperties("k", KeyBackend.PKCS11, null, "l", null, null, null, null, null);

    assertThat(key.algorithmOrDefault()).isEqualTo(SigningAlgorithm.ECDSA_P256);
    assertThat(key.createIfMissingOrDefault()).isFalse();
  }
}
