package dev.hallmark.signer.signers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Key files for tests, generated on the fly. */
public final class TestKeys {
  private TestKeys() {}

  public static KeyPair generate(SigningAlgorithm algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyAlgorithm());
    generator.initialize(algorithm.keyGenParameters());
    return generator.generateKeyPair();
  }

  /** Unencrypted PKCS#8 {@code PRIVATE KEY} PEM. */
  public static Path writePkcs8Pem(Path file, KeyPair pair) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
    }
    return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  /**
   * OpenSSL's traditional {@code EC PRIVATE KEY} (RFC 5915) with the named curve and, if asked, the
   * optional public key, as {@code openssl ecparam -genkey} writes it.
   */
  public static Path writeTraditionalEcPem(Path file, KeyPair pair, boolean withPublicKey)
      throws IOException {
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    ECPrivateKey structure =
        new ECPrivateKey(
            256,
            ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS(),
            withPublicKey ? spki.getPublicKeyData() : null,
            spki.getAlgorithm().getParameters());
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject("EC PRIVATE KEY", structure.getEncoded()));
    }
    return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  /** OpenSSL's traditional {@code RSA PRIVATE KEY} (PKCS#1) PEM. */
  public static Path writeTraditionalRsaPem(Path file, KeyPair pair) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(pair);
    }
    return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  public static Path writePkcs12(Path file, String alias, KeyPair pair, char[] password)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {selfSigned(pair)});
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }

  public static X509Certificate selfSigned(KeyPair pair) throws Exception {
    X500Name name = new X500Name("CN=test");
    Instant now = Instant.now();
    String algorithm =
        pair.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)),
                    name,
                    pair.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
  }
}
