package dev.hallmark.notary;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A public key as TUF metadata lists it ({@code tuf/data/keys.go}): a type and the public value,
 * which is a DER SubjectPublicKeyInfo ({@code ecdsa}, {@code rsa}), a PEM certificate ({@code
 * ecdsa-x509}, {@code rsa-x509}) or the 32 raw bytes of an Ed25519 key ({@code ed25519}, what
 * notary-server makes for timestamp and snapshot).
 *
 * @param id the id the metadata names the key by; {@link #parse} checks that it is the hash of the
 *     key object, so one key cannot pose as another
 */
public record TufKey(String id, String keyType, byte[] publicValue) {
  /** The DER prefix that turns 32 raw Ed25519 bytes into a SubjectPublicKeyInfo (RFC 8410). */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  /**
   * @param keyObject {@code {"keytype":…,"keyval":{"public":<base64>,"private":null}}}
   * @throws TrustDataException ({@link TrustProblem#MALFORMED}) if the shape is wrong or {@code id}
   *     is not the object's key id
   */
  public static TufKey parse(String id, Object keyObject) {
    Map<String, Object> key = Json.object(keyObject, "key " + id);
    String keyType = Json.string(key.get("keytype"), "keytype of key " + id);
    Map<String, Object> value = Json.object(key.get("keyval"), "keyval of key " + id);
    byte[] publicValue;
    try {
      publicValue = Base64.getDecoder().decode(Json.string(value.get("public"), "public of " + id));
    } catch (IllegalArgumentException e) {
      throw new TrustDataException(TrustProblem.MALFORMED, "key " + id + " is not base64", e);
    }
    TufKey parsed = new TufKey(id, keyType, publicValue);
    if (!parsed.computedId().equals(id)) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, "key listed as " + id + " has id " + parsed.computedId());
    }
    return parsed;
  }

  /** The hex SHA-256 of this key's canonical key object. */
  public String computedId() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("private", null);
    value.put("public", publicValue);
    return Hashes.sha256Hex(CanonicalJson.encode(Map.of("keytype", keyType, "keyval", value)));
  }

  /**
   * @throws TrustDataException ({@link TrustProblem#MALFORMED}) for an unknown type or a value that
   *     does not decode
   */
  public PublicKey publicKey() {
    try {
      return switch (keyType) {
        case "ecdsa" -> KeyFactory.getInstance("EC").generatePublic(spki(publicValue));
        case "rsa" -> KeyFactory.getInstance("RSA").generatePublic(spki(publicValue));
        case "ed25519" -> {
          byte[] spki = new byte[ED25519_SPKI_PREFIX.length + publicValue.length];
          System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
          System.arraycopy(publicValue, 0, spki, ED25519_SPKI_PREFIX.length, publicValue.length);
          yield KeyFactory.getInstance("Ed25519").generatePublic(spki(spki));
        }
        case TufKeys.ECDSA_X509, TufKeys.RSA_X509 ->
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(publicValue))
                .getPublicKey();
        default ->
            throw new TrustDataException(
                TrustProblem.MALFORMED, "key " + id + " has unknown type " + keyType);
      };
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, "key " + id + " (" + keyType + ") does not decode", e);
    }
  }

  /** Whether this is the same public key as {@code other}, whatever form either is listed in. */
  public boolean samePublicKey(PublicKey other) {
    return java.util.Arrays.equals(publicKey().getEncoded(), other.getEncoded());
  }

  private static X509EncodedKeySpec spki(byte[] der) {
    return new X509EncodedKeySpec(der);
  }
}
