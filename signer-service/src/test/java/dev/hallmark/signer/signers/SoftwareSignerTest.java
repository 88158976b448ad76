package dev.hallmark.signer.signers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The software backend signs what cosign verifies, and refuses unusable key files. */
class SoftwareSignerTest {
  static final byte[] PAYLOAD =
      "{\"critical\":{},\"optional\":null}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void fromPem_pkcs8EcKey_signsDerEcdsaThatTheJdkVerifies() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    Path pem = TestKeys.writePkcs8Pem(dir.resolve("ec.pem"), pair);

    Signer signer = SoftwareSigner.fromPem(pem, SigningAlgorithm.ECDSA_P256);
    byte[] signature = signer.sign(PAYLOAD);

    assertThat(signer.publicKey()).isEqualTo(pair.getPublic());
    assertThat(verifies("SHA256withECDSA", pair.getPublic(), PAYLOAD, signature)).isTrue();
    // ASN.1 DER ECDSA-Sig-Value: SEQUENCE { r INTEGER, s INTEGER }, not raw r||s.
    ASN1Sequence sequence = (ASN1Sequence) ASN1Primitive.fromByteArray(signature);
    assertThat(sequence.size()).isEqualTo(2);
    assertThat(sequence.getObjectAt(0)).isInstanceOf(ASN1Integer.class);
  }

  @Test
  void fromPem_traditionalRsaKey_signsPkcs1v15ThatTheJdkVerifies() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.RSA_2048);
    Path pem = TestKeys.writeTraditionalRsaPem(dir.resolve("rsa.pem"), pair);

    Signer signer = SoftwareSigner.fromPem(pem, SigningAlgorithm.RSA_2048);

    assertThat(signer.publicKey()).isEqualTo(pair.getPublic());
    assertThat(verifies("SHA256withRSA", pair.getPublic(), PAYLOAD, signer.sign(PAYLOAD))).isTrue();
  }

  @Test
  void fromPem_traditionalEcKeyWithOrWithoutPublicKey_derivesThePublicKey() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    for (boolean withPublicKey : new boolean[] {true, false}) {
      Path pem =
          TestKeys.writeTraditionalEcPem(dir.resolve("ec-" + withPublicKey), pair, withPublicKey);

      Signer signer = SoftwareSigner.fromPem(pem, SigningAlgorithm.ECDSA_P256);

      assertThat(signer.publicKey()).isEqualTo(pair.getPublic());
      assertThat(verifies("SHA256withECDSA", pair.getPublic(), PAYLOAD, signer.sign(PAYLOAD)))
          .isTrue();
    }
  }

  @Test
  void fromPkcs12_rsa3072_signsThatTheJdkVerifies() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.RSA_3072);
    char[] password = "correct horse".toCharArray();
    Path p12 = TestKeys.writePkcs12(dir.resolve("k.p12"), "signing", pair, password);

    Signer signer = SoftwareSigner.fromPkcs12(p12, password, null, SigningAlgorithm.RSA_3072);

    assertThat(signer.publicKey()).isEqualTo(pair.getPublic());
    assertThat(verifies("SHA256withRSA", pair.getPublic(), PAYLOAD, signer.sign(PAYLOAD))).isTrue();
    assertThat(signer.certificate())
        .hasValueSatisfying(
            certificate -> assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic()));
  }

  @Test
  void fromPem_hasNoCertificate() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    Path pem = TestKeys.writePkcs8Pem(dir.resolve("plain.pem"), pair);

    assertThat(SoftwareSigner.fromPem(pem, SigningAlgorithm.ECDSA_P256).certificate()).isEmpty();
  }

  @Test
  void fromPkcs12_wrongPassword_failsWithoutTheGivenPassword() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    Path p12 = TestKeys.writePkcs12(dir.resolve("k.p12"), "k", pair, "right".toCharArray());

    assertThatThrownBy(
            () ->
                SoftwareSigner.fromPkcs12(
                    p12, "wrong-pw-value".toCharArray(), null, SigningAlgorithm.ECDSA_P256))
        .isInstanceOf(KeyFileException.class)
        .hasMessageNotContaining("wrong-pw-value");
  }

  @Test
  void fromPem_keyOfAnotherAlgorithm_isRefused() throws Exception {
    Path pem =
        TestKeys.writePkcs8Pem(
            dir.resolve("rsa.pem"), TestKeys.generate(SigningAlgorithm.RSA_2048));

    assertThatThrownBy(() -> SoftwareSigner.fromPem(pem, SigningAlgorithm.ECDSA_P256))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("RSA 2048")
        .hasMessageContaining("ECDSA_P256");
    assertThatThrownBy(() -> SoftwareSigner.fromPem(pem, SigningAlgorithm.RSA_3072))
        .isInstanceOf(KeyFileException.class);
  }

  @Test
  void fromPem_noKeyOrMissingFile_isRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

    assertThatThrownBy(() -> SoftwareSigner.fromPem(empty, SigningAlgorithm.ECDSA_P256))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("no PEM private key");
    assertThatThrownBy(
            () -> SoftwareSigner.fromPem(dir.resolve("absent.pem"), SigningAlgorithm.ECDSA_P256))
        .isInstanceOf(KeyFileException.class);
  }

  @Test
  void sign_concurrently_everySignatureVerifies() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    Signer signer =
        SoftwareSigner.of(pair.getPrivate(), pair.getPublic(), SigningAlgorithm.ECDSA_P256);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> signer.sign(PAYLOAD)));
      }
      for (Future<byte[]> result : results) {
        assertThat(verifies("SHA256withECDSA", pair.getPublic(), PAYLOAD, result.get())).isTrue();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void of_mismatchedPair_isRefused() throws Exception {
    KeyPair one = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    KeyPair other = TestKeys.generate(SigningAlgorithm.ECDSA_P256);

    assertThatThrownBy(
            () ->
                SoftwareSigner.of(one.getPrivate(), other.getPublic(), SigningAlgorithm.ECDSA_P256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not belong together");
  }

  static boolean verifies(String algorithm, PublicKey key, byte[] data, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(data);
    return verifier.verify(signature);
  }
}
