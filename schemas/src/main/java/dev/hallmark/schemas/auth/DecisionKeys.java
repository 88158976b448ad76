package dev.hallmark.schemas.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decision keys: Ed25519, in PEM files as {@code openssl genpkey -algorithm ed25519} writes them
 * (private key: PKCS#8 {@code PRIVATE KEY}, unencrypted; public key: {@code openssl pkey -pubout},
 * SubjectPublicKeyInfo {@code PUBLIC KEY}), and their key ids.
 */
public final class DecisionKeys {
  /** The JDK's name of the signature algorithm and key type. */
  public static final String ALGORITHM = "Ed25519";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private DecisionKeys() {}

  /** Whether the key is an Ed25519 key (the JDK calls every EdDSA key's algorithm "EdDSA"). */
  public static boolean isEd25519(Key key) {
    return key instanceof EdECKey edec
        && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(edec.getParams().getName());
  }

  /** SHA-256 of the key's DER SubjectPublicKeyInfo: what an authenticator names its key by. */
  public static byte[] keyId(PublicKey key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** {@link #keyId} in lower-case hex. */
  public static String keyIdHex(PublicKey key) {
    return HexFormat.of().formatHex(keyId(key));
  }

  /** A new key pair, for the local stack and tests; production keys come from the operator. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
  }

  /**
   * @throws DecisionKeyException if the file cannot be read or holds no Ed25519 private key
   */
  public static PrivateKey readPrivateKey(Path file) {
    return privateKeyFromPem(read(file), file.toString());
  }

  /**
   * @throws DecisionKeyException if the file cannot be read or holds no Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) {
    return publicKeyFromPem(read(file), file.toString());
  }

  /**
   * @param source names the PEM's origin in error messages (a file path)
   * @throws DecisionKeyException if it holds no unencrypted PKCS#8 Ed25519 private key
   */
  public static PrivateKey privateKeyFromPem(String pem, String source) {
    byte[] der = der(pem, "PRIVATE KEY", source);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new DecisionKeyException(source + ": not an Ed25519 private key (PKCS#8)", e);
    }
  }

  /**
   * @param source names the PEM's origin in error messages (a file path)
   * @throws DecisionKeyException if it holds no Ed25519 public key (SubjectPublicKeyInfo)
   */
  public static PublicKey publicKeyFromPem(String pem, String source) {
    byte[] der = der(pem, "PUBLIC KEY", source);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new DecisionKeyException(source + ": not an Ed25519 public key", e);
    }
  }

  /** RFC 7468 {@code PUBLIC KEY}: the DER SubjectPublicKeyInfo, base64 in 64-column lines. */
  public static String pem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** RFC 7468 {@code PRIVATE KEY}: unencrypted PKCS#8. Keep it in an owner-only file. */
  public static String pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DecisionKeyException(
          file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** The DER of the first PEM block; its label must be {@code expected}. */
  private static byte[] der(String pem, String expected, String source) {
    Matcher block = PEM.matcher(pem);
    if (!block.find()) {
      throw new DecisionKeyException(source + ": no PEM block, expected " + expected, null);
    }
    if (!block.group(1).equals(expected)) {
      throw new DecisionKeyException(
          source + ": holds a " + block.group(1) + ", expected an unencrypted " + expected, null);
    }
    try {
      return Base64.getMimeDecoder().decode(block.group(2));
    } catch (IllegalArgumentException e) {
      throw new DecisionKeyException(source + ": the " + expected + " is not valid base64", e);
    }
  }
}
