package dev.hallmark.signer.tuf;

import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.signer.signers.Signer;
import dev.hallmark.signer.signers.SigningAlgorithm;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Signs a TUF role document as Notary v1 verifies it (notary {@code tuf/signed/sign.go}, {@code
 * verifiers.go}): ECDSA P-256 over SHA-256 of the canonical JSON of the {@code signed} object, the
 * signature as raw {@code r||s} (32 + 32 bytes), method {@code ecdsa}. The key signs through {@link
 * Signer}, so an HSM key never leaves the token; its DER signature is converted here.
 *
 * <p>Only ECDSA keys: notary signs RSA keys with RSA-PSS ({@code rsapss}), which the signers do not
 * make (they make PKCS#1 v1.5 for cosign).
 */
public final class TufSignatures {
  /** Bytes of r and of s in a P-256 signature. */
  static final int P256_SCALAR_BYTES = 32;

  private TufSignatures() {}

  /**
   * @param signed the role's {@code signed} object
   * @param keyId the id the role names the key by ({@link dev.hallmark.notary.TufKeys#keyId})
   * @return {@code {"keyid":…,"method":"ecdsa","sig":<raw r||s>}}, {@code sig} as bytes (base64 in
   *     JSON)
   * @throws IllegalArgumentException if the key is not ECDSA P-256
   */
  public static Map<String, Object> sign(Map<String, Object> signed, Signer signer, String keyId) {
    if (signer.algorithm() != SigningAlgorithm.ECDSA_P256) {
      throw new IllegalArgumentException(
          "Notary signatures need an ECDSA_P256 key, not " + signer.algorithm());
    }
    byte[] der = signer.sign(CanonicalJson.encode(signed));
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("keyid", keyId);
    signature.put("method", "ecdsa");
    signature.put("sig", rawEcdsa(der, P256_SCALAR_BYTES));
    return signature;
  }

  /** The signed envelope {@code {"signed":…,"signatures":[…]}} as a role file holds it. */
  public static Map<String, Object> envelope(
      Map<String, Object> signed, List<Map<String, Object>> signatures) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("signed", signed);
    envelope.put("signatures", signatures);
    return envelope;
  }

  /**
   * Converts an ASN.1 DER {@code ECDSA-Sig-Value} to the fixed-length {@code r||s} form.
   *
   * @throws IllegalArgumentException if {@code der} is not such a value or r or s is too large
   */
  static byte[] rawEcdsa(byte[] der, int scalarBytes) {
    ASN1Sequence sequence;
    try {
      sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a DER ECDSA signature", e);
    }
    if (sequence.size() != 2) {
      throw new IllegalArgumentException(
          "not a DER ECDSA signature: " + sequence.size() + " parts");
    }
    byte[] raw = new byte[2 * scalarBytes];
    for (int i = 0; i < 2; i++) {
      BigInteger value = ASN1Integer.getInstance(sequence.getObjectAt(i)).getPositiveValue();
      byte[] bytes = value.toByteArray();
      // toByteArray may add a sign byte (33 bytes) or be shorter than 32: right-align.
      int start = bytes.length > scalarBytes && bytes[0] == 0 ? 1 : 0;
      int length = bytes.length - start;
      if (length > scalarBytes) {
        throw new IllegalArgumentException("ECDSA scalar longer than " + scalarBytes + " bytes");
      }
      System.arraycopy(bytes, start, raw, (i + 1) * scalarBytes - length, length);
    }
    return raw;
  }
}
