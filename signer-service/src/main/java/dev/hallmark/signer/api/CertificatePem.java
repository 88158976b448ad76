package dev.hallmark.signer.api;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** RFC 7468 {@code CERTIFICATE} PEM: the DER, base64 in lines of 64 characters. */
final class CertificatePem {
  private CertificatePem() {}

  static String encode(X509Certificate certificate) throws CertificateEncodingException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }
}
