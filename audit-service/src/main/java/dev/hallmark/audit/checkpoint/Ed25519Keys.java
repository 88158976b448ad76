package dev.hallmark.audit.checkpoint;

import dev.hallmark.schemas.auth.DecisionKeys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Ed25519 key helpers the JDK lacks: the public key of a private key, and its 32 raw bytes. */
public final class Ed25519Keys {
  /** DER SubjectPublicKeyInfo of an Ed25519 key up to the 32 key bytes (RFC 8410). */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519Keys() {}

  /** The public key of an Ed25519 private key (derived with Bouncy Castle). */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    if (!(privateKey instanceof EdECPrivateKey edec) || !DecisionKeys.isEd25519(privateKey)) {
      throw new IllegalArgumentException(
          "not an Ed25519 private key: " + privateKey.getAlgorithm());
    }
    byte[] seed =
        edec.getBytes().orElseThrow(() -> new IllegalArgumentException("the key has no bytes"));
    byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    Arrays.fill(seed, (byte) 0);
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance(DecisionKeys.ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refused a derived Ed25519 public key", e);
    }
  }

  /** The 32 bytes of an Ed25519 public key as RFC 8032 encodes it (the end of its SPKI). */
  public static byte[] rawPublicKey(PublicKey publicKey) {
    byte[] spki = publicKey.getEncoded();
    if (!DecisionKeys.isEd25519(publicKey)
        || spki.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
  }
}
