package dev.hallmark.notary;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notary v1's view of a signing key (notary {@code tuf/data/keys.go}, {@code tuf/utils/utils.go}).
 * A key id is the hex SHA-256 of a TUF key object's canonical JSON, {@code
 * {"keytype":…,"keyval":{"private":null,"public":<base64>}}}, and a key has two:
 *
 * <ul>
 *   <li>{@link #keyId}: of the key as published, {@code ecdsa-x509} with the certificate PEM; the
 *       id a delegation's {@code keys} map and the role's signatures use;
 *   <li>{@link #canonicalKeyId}: of the bare public key, {@code ecdsa} with the DER
 *       SubjectPublicKeyInfo; the id {@code notary delegation add} and {@code notary key list}
 *       print.
 * </ul>
 */
public final class TufKeys {
  /** Key type of an ECDSA key published as its X.509 certificate. */
  public static final String ECDSA_X509 = "ecdsa-x509";

  /** Key type of an RSA key published as its X.509 certificate. */
  public static final String RSA_X509 = "rsa-x509";

  private TufKeys() {}

  /** The TUF key object for a certificate, as in a {@code delegations.keys} map. */
  public static Map<String, Object> keyObject(String keyType, String certificatePem) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("private", null);
    value.put("public", certificatePem.getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("keytype", keyType);
    key.put("keyval", value);
    return key;
  }

  /** The id of the key published as its certificate ({@link #ECDSA_X509} or {@link #RSA_X509}). */
  public static String keyId(String keyType, String certificatePem) {
    return Hashes.sha256Hex(CanonicalJson.encode(keyObject(keyType, certificatePem)));
  }

  /** The id of the bare public key, as the notary CLI prints it for a certificate's key. */
  public static String canonicalKeyId(PublicKey publicKey) {
    String keyType =
        switch (publicKey.getAlgorithm()) {
          case "EC" -> "ecdsa";
          case "RSA" -> "rsa";
          default ->
              throw new IllegalArgumentException(
                  "no TUF key type for " + publicKey.getAlgorithm() + " keys");
        };
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("private", null);
    value.put("public", publicKey.getEncoded());
    return Hashes.sha256Hex(CanonicalJson.encode(Map.of("keytype", keyType, "keyval", value)));
  }
}
