package dev.hallmark.deploy.local.verify;

import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * PEM public keys (as {@code cosign generate-key-pair} writes {@code cosign.pub}) and fingerprints.
 */
public final class PublicKeys {
  private PublicKeys() {}

  /**
   * Reads a {@code -----BEGIN PUBLIC KEY-----} PEM (SubjectPublicKeyInfo), ECDSA or RSA.
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static PublicKey fromPem(String pem) {
    String base64 =
        pem.replaceAll("-----BEGIN PUBLIC KEY-----", "")
            .replaceAll("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a PEM public key", e);
    }
    for (String algorithm : List.of("EC", "RSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("not an ECDSA or RSA public key");
  }

  /** {@code SHA256:<hex>} of the key's DER SubjectPublicKeyInfo. */
  public static String fingerprint(PublicKey key) {
    try {
      return "SHA256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
