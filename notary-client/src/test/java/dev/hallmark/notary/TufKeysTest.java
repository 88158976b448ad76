package dev.hallmark.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class TufKeysTest {
  /**
   * The certificate of a SoftHSM demo key as {@code GET /api/v1/keys/demo-cosign/certificate}
   * served it, and the key id that the real notary client (Debian's notary) printed for it in
   * {@code notary delegation add … targets/releases hallmark-demo-cosign.crt --all-paths}.
   */
  private static final String NOTARY_CLIENT_KEY_ID =
      "d49c8eabe761cb9228a62627bbd775baa68d3644701f53f1175ef510964cb42f";

  /**
   * The id of the same key as an {@code ecdsa-x509} key object, computed outside Java (Python's
   * hashlib over the canonical JSON written by hand), as a regression value.
   */
  private static final String X509_KEY_ID =
      "cdce828f4906922177e6aabfb88e3283fbd085af51c24ecdd503ff4ebf200faa";

  @Test
  void canonicalKeyId_isWhatTheNotaryClientPrints() throws Exception {
    X509Certificate certificate = certificate(resource("/tuf/hallmark-demo-cosign.crt"));

    assertThat(TufKeys.canonicalKeyId(certificate.getPublicKey())).isEqualTo(NOTARY_CLIENT_KEY_ID);
  }

  @Test
  void keyId_ofTheCertificateKeyObject() throws IOException {
    String pem = resource("/tuf/hallmark-demo-cosign.crt");

    assertThat(TufKeys.keyId(TufKeys.ECDSA_X509, pem)).isEqualTo(X509_KEY_ID);
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void keyObject_publishesTheCertificatePemAsBase64() throws IOException {
    String pem = resource("/tuf/hallmark-demo-cosign.crt");

    String json =
        new String(
            CanonicalJson.encode(TufKeys.keyObject(TufKeys.ECDSA_X509, pem)),
            StandardCharsets.UTF_8);

    assertThat(json)
        .startsWith("{\"keytype\":\"ecdsa-x509\",\"keyval\":{\"private\":null,\"public\":\"LS0t")
        .endsWith("\"}}");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TufKeysTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
