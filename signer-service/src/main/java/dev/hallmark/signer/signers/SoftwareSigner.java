package dev.hallmark.signer.signers;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A key held in this process's memory, signed with Bouncy Castle: for development and tests only,
 * since the private key is as safe as the file it came from. Loaded from an unencrypted PEM private
 * key (PKCS#8 {@code PRIVATE KEY}, or OpenSSL's {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY})
 * or from a PKCS#12 file with its password. Thread-safe.
 */
public final class SoftwareSigner implements Signer {
  /** One provider instance for the process, not registered globally. */
  private static final Provider BC = new BouncyCastleProvider();

  private static final byte[] PROBE = "hallmark key pair check".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final SigningAlgorithm algorithm;
  private final String description;
  private final X509Certificate certificate;

  private SoftwareSigner(
      PrivateKey privateKey, PublicKey publicKey, SigningAlgorithm algorithm, String description) {
    this(privateKey, publicKey, algorithm, description, null);
  }

  private SoftwareSigner(
      PrivateKey privateKey,
      PublicKey publicKey,
      SigningAlgorithm algorithm,
      String description,
      X509Certificate certificate) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
    this.description = description;
    this.certificate = certificate;
  }

  /** The same key with the certificate of its PKCS#12 entry. */
  private SoftwareSigner withCertificate(X509Certificate certificate) {
    return new SoftwareSigner(privateKey, publicKey, algorithm, description, certificate);
  }

  /**
   * A signer for a key pair held in memory.
   *
   * @throws IllegalArgumentException if the keys are not of {@code algorithm} or do not belong
   *     together
   */
  public static SoftwareSigner of(
      PrivateKey privateKey, PublicKey publicKey, SigningAlgorithm algorithm) {
    SoftwareSigner signer =
        new SoftwareSigner(privateKey, standard(publicKey), algorithm, "software key");
    String problem = signer.mismatch();
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return signer;
  }

  /**
   * Loads an unencrypted PEM private key; the public key is derived from it.
   *
   * @throws KeyFileException if the file is missing, encrypted, holds no private key, or holds a
   *     key that is not of {@code algorithm}
   */
  public static SoftwareSigner fromPem(Path file, SigningAlgorithm algorithm) {
    Object parsed;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      parsed = parser.readObject();
      while (parsed != null
          && !(parsed instanceof PrivateKeyInfo)
          && !(parsed instanceof PEMKeyPair)) {
        if (isEncrypted(parsed)) {
          throw new KeyFileException(
              file, "the private key is encrypted; give an unencrypted PKCS#8 key or a PKCS#12");
        }
        parsed = parser.readObject();
      }
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read a PEM private key (" + e.getMessage() + ")", e);
    }
    if (parsed == null) {
      throw new KeyFileException(file, "holds no PEM private key");
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
      // OpenSSL's EC PRIVATE KEY may omit the public key, so it is always derived.
      PrivateKey privateKey =
          converter.getPrivateKey(
              parsed instanceof PEMKeyPair pair
                  ? pair.getPrivateKeyInfo()
                  : (PrivateKeyInfo) parsed);
      return checked(file, privateKey, derivePublicKey(privateKey), algorithm, "PEM key " + file);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyFileException(file, "cannot decode the private key (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Loads the private key of a PKCS#12 file; the public key comes from its certificate.
   *
   * @param alias the entry to use, or null for the only key entry
   * @throws KeyFileException if the file or password is wrong, or no single key entry is found
   */
  public static SoftwareSigner fromPkcs12(
      Path file, char[] password, String alias, SigningAlgorithm algorithm) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      String entry = alias == null ? onlyKeyEntry(file, store) : alias;
      Key key = store.getKey(entry, password);
      Certificate certificate = store.getCertificate(entry);
      if (!(key instanceof PrivateKey privateKey) || certificate == null) {
        throw new KeyFileException(file, "no private key with a certificate under alias " + entry);
      }
      return checked(file, privateKey, certificate.getPublicKey(), algorithm, "PKCS#12 key " + file)
          .withCertificate(certificate instanceof X509Certificate x509 ? x509 : null);
    } catch (IOException | GeneralSecurityException e) {
      // KeyStore reports a wrong password as an IOException; its message holds no secret.
      throw new KeyFileException(
          file, "cannot open the PKCS#12 file (wrong password?): " + e.getMessage(), e);
    }
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  @Override
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(algorithm.signatureAlgorithm(), BC);
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SigningException(description, e);
    }
  }

  @Override
  public String toString() {
    return "SoftwareSigner[" + description + ", " + algorithm + "]";
  }

  private static SoftwareSigner checked(
      Path file,
      PrivateKey privateKey,
      PublicKey publicKey,
      SigningAlgorithm algorithm,
      String description) {
    SoftwareSigner signer =
        new SoftwareSigner(privateKey, standard(publicKey), algorithm, description);
    String problem = signer.mismatch();
    if (problem != null) {
      throw new KeyFileException(file, problem);
    }
    return signer;
  }

  /** Null if the pair is of the configured type and signs verifiably, else the problem. */
  private String mismatch() {
    if (!algorithm.matches(publicKey)) {
      return "the key is "
          + SigningAlgorithm.describe(publicKey)
          + ", but the configured algorithm is "
          + algorithm;
    }
    try {
      Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(sign(PROBE)) ? null : "private and public key do not belong together";
    } catch (GeneralSecurityException | SigningException e) {
      return "the key cannot sign with " + algorithm.signatureAlgorithm() + ": " + e.getMessage();
    }
  }

  /** The public key in the JDK's own classes, so that it compares and encodes like any other. */
  private static PublicKey standard(PublicKey key) {
    try {
      return KeyFactory.getInstance(key.getAlgorithm())
          .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unsupported public key " + key.getAlgorithm(), e);
    }
  }

  private static PublicKey derivePublicKey(PrivateKey privateKey) throws GeneralSecurityException {
    if (privateKey instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    if (privateKey instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec) {
      ECParameterSpec params = ec.getParameters();
      BigInteger d = ec.getD();
      ECPoint q = params.getG().multiply(d).normalize();
      return KeyFactory.getInstance("EC", BC).generatePublic(new ECPublicKeySpec(q, params));
    }
    throw new GeneralSecurityException(
        "unsupported private key " + privateKey.getAlgorithm() + "; use EC P-256 or RSA");
  }

  private static boolean isEncrypted(Object pemObject) {
    return pemObject instanceof PKCS8EncryptedPrivateKeyInfo
        || pemObject instanceof PEMEncryptedKeyPair;
  }

  private static String onlyKeyEntry(Path file, KeyStore store) throws GeneralSecurityException {
    List<String> keys = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        keys.add(alias);
      }
    }
    if (keys.size() != 1) {
      throw new KeyFileException(
          file, "holds " + keys.size() + " key entries " + keys + "; configure the alias");
    }
    return keys.get(0);
  }
}
