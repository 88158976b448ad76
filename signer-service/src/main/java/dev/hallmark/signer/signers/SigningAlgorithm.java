package dev.hallmark.signer.signers;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The key types Hallmark signs with, each with the JCA names that produce cosign-compatible
 * signatures (docs/formats.md, "Signature algorithms": ECDSA P-256 + SHA-256 as ASN.1 DER; RSA
 * PKCS#1 v1.5 + SHA-256).
 */
public enum SigningAlgorithm {
  ECDSA_P256("EC", 256, "SHA256withECDSA"),
  RSA_2048("RSA", 2048, "SHA256withRSA"),
  RSA_3072("RSA", 3072, "SHA256withRSA");

  private final String keyAlgorithm;
  private final int keySize;
  private final String signatureAlgorithm;

  SigningAlgorithm(String keyAlgorithm, int keySize, String signatureAlgorithm) {
    this.keyAlgorithm = keyAlgorithm;
    this.keySize = keySize;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** JCA key algorithm: {@code EC} or {@code RSA}. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Bits: the curve size for EC, the modulus size for RSA. */
  public int keySize() {
    return keySize;
  }

  /** JCA signature algorithm; for EC the DER encoding (not the P1363 r||s form). */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Parameters for a {@link java.security.KeyPairGenerator} of this key type. */
  public AlgorithmParameterSpec keyGenParameters() {
    return keyAlgorithm.equals("EC")
        ? new ECGenParameterSpec("secp256r1")
        : new RSAKeyGenParameterSpec(keySize, RSAKeyGenParameterSpec.F4);
  }

  /** Whether {@code key} is a key of this type and size. */
  public boolean matches(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return keyAlgorithm.equals("EC")
          && ec.getParams().getCurve().getField().getFieldSize() == 256;
    }
    if (key instanceof RSAPublicKey rsa) {
      return keyAlgorithm.equals("RSA") && rsa.getModulus().bitLength() == keySize;
    }
    return false;
  }

  /** A human description of a key, for errors: {@code EC 256} or {@code RSA 2048}. */
  public static String describe(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return "EC " + ec.getParams().getCurve().getField().getFieldSize();
    }
    if (key instanceof RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength();
    }
    return key.getAlgorithm();
  }
}
