package dev.hallmark.schemas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.schemas.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision keys in the PEM files OpenSSL writes, and their ids. */
class DecisionKeysTest {
  /**
   * A test-only key pair from {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey
   * -pubout}; its id from {@code openssl pkey -pubout -outform DER | sha256sum}.
   */
  static final String OPENSSL_PRIVATE =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIHklbzLPQgBDk4a4m4VfPX4pCbinNpESOJyH2Y084y6x
      -----END PRIVATE KEY-----
      """;

  static final String OPENSSL_PUBLIC =
      """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAT7N+0AmimsXbIWwr/6funrqLAkNnYBly10vQ2DBxbvo=
      -----END PUBLIC KEY-----
      """;

  static final String OPENSSL_KEY_ID =
      "5faccb4f7133b754d35af280222d4ab3361a03242c2c3d74b4b4b3d1d30f4e43";

  @TempDir Path dir;

  @Test
  void opensslFiles_readAndSign_verifyWithTheKeyIdOpensslComputes() throws Exception {
    Path privateFile = Files.writeString(dir.resolve("decision-key.pem"), OPENSSL_PRIVATE);
    Path publicFile = Files.writeString(dir.resolve("decision-key.pub"), OPENSSL_PUBLIC);

    PrivateKey privateKey = DecisionKeys.readPrivateKey(privateFile);
    PublicKey publicKey = DecisionKeys.readPublicKey(publicFile);
    DecisionSigner signer = new DecisionSigner(privateKey, publicKey);

    assertThat(DecisionKeys.keyIdHex(publicKey)).isEqualTo(OPENSSL_KEY_ID);
    assertThat(signer.keyIdHex()).isEqualTo(OPENSSL_KEY_ID);
    assertThat(
            new DecisionVerifier(List.of(publicKey))
                .rejection(signer.sign(SampleEvents.policyDecision())))
        .isEmpty();
  }

  @Test
  void pem_writtenThenRead_isTheSameKey() {
    KeyPair pair = DecisionKeys.generate();

    String privatePem = DecisionKeys.pem(pair.getPrivate());
    String publicPem = DecisionKeys.pem(pair.getPublic());

    assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(DecisionKeys.privateKeyFromPem(privatePem, "p").getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
    assertThat(DecisionKeys.publicKeyFromPem(publicPem, "p").getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void readPrivateKey_publicKeyFile_namesFileAndExpectedBlock() throws Exception {
    Path file = Files.writeString(dir.resolve("swapped.pem"), OPENSSL_PUBLIC);

    assertThatThrownBy(() -> DecisionKeys.readPrivateKey(file))
        .isInstanceOf(DecisionKeyException.class)
        .hasMessage(file + ": holds a PUBLIC KEY, expected an unencrypted PRIVATE KEY");
  }

  @Test
  void readPrivateKey_encryptedOrMissingOrGarbage_saysWhatIsWrongWithoutContent() throws Exception {
    Path encrypted =
        Files.writeString(
            dir.resolve("encrypted.pem"),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "secret-looking text");
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> DecisionKeys.readPrivateKey(encrypted))
        .hasMessageContaining("holds a ENCRYPTED PRIVATE KEY");
    assertThatThrownBy(() -> DecisionKeys.readPrivateKey(garbage))
        .hasMessage(garbage + ": no PEM block, expected PRIVATE KEY");
    assertThatThrownBy(() -> DecisionKeys.readPrivateKey(missing))
        .hasMessage(missing + ": cannot be read (NoSuchFileException)");
  }

  @Test
  void readPublicKey_notEd25519_isRefused() throws Exception {
    KeyPair ec = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
    Path file = Files.writeString(dir.resolve("ec.pub"), DecisionKeys.pem(ec.getPublic()));

    assertThatThrownBy(() -> DecisionKeys.readPublicKey(file))
        .isInstanceOf(DecisionKeyException.class)
        .hasMessage(file + ": not an Ed25519 public key");
  }
}
