package dev.hallmark.signer.pkcs11;

import dev.hallmark.signer.signers.SigningAlgorithm;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate stored next to a key generated in the token. SunPKCS11's KeyStore
 * lists only private keys that have a certificate, so this certificate is what makes the key found
 * again by its label after a restart. Its signature is computed inside the token, by the new
 * private key. It is not published with cosign signatures; {@code GET
 * /api/v1/keys/{keyId}/certificate} serves it for {@code notary delegation add}, where a stable
 * certificate is what names the key.
 */
final class SelfSignedCertificates {
  /** RFC 5280 section 4.1.2.5: 99991231235959Z means "no well-defined expiration date". */
  private static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificates() {}

  static X509Certificate create(
      KeyPair pair, String label, SigningAlgorithm algorithm, Provider tokenProvider, Clock clock)
      throws CertificateException {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Hallmark")
            .addRDN(BCStyle.CN, label)
            .build();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, RANDOM).add(BigInteger.ONE),
              Date.from(now.minus(1, ChronoUnit.HOURS)),
              Date.from(NO_EXPIRY),
              subject,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
                      .setProvider(tokenProvider)
                      .build(pair.getPrivate())));
    } catch (OperatorCreationException | CertIOException e) {
      throw new CertificateException("cannot create the certificate for key " + label, e);
    }
  }
}
