package dev.hallmark.signer.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.signer.signers.SigningAlgorithm;
import dev.hallmark.signer.signers.TestKeys;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;

class PublicKeyEncodingTest {
  @Test
  void pem_isSubjectPublicKeyInfoInPublicKeyBlock() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);

    String pem = PublicKeyEncoding.pem(pair.getPublic());

    assertThat(pem)
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
    assertThat(pem.lines().skip(1).filter(l -> !l.startsWith("-----")))
        .allMatch(l -> l.length() <= 64);
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      SubjectPublicKeyInfo parsed = (SubjectPublicKeyInfo) parser.readObject();
      assertThat(parsed.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }
  }

  @Test
  void fingerprint_isSha256OfTheDerSpki() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.RSA_2048);

    assertThat(PublicKeyEncoding.fingerprint(pair.getPublic()))
        .isEqualTo(
            "sha256:"
                + HexFormat.of()
                    .formatHex(
                        MessageDigest.getInstance("SHA-256")
                            .digest(pair.getPublic().getEncoded())));
  }
}
