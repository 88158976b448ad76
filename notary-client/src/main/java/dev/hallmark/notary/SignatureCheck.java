package dev.hallmark.notary;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a role's signatures against the keys allowed to sign it, as notary {@code
 * tuf/signed/verify.go} does: a signature counts when its key id is one of the role's, the key
 * verifies it, and no key counts twice; the role is trusted when the count reaches the threshold.
 * Signatures by unknown keys are ignored, not an error (a role may carry extra signatures).
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  /**
   * @throws TrustDataException ({@link TrustProblem#BAD_SIGNATURE}) below the threshold
   */
  public static void requireThreshold(SignedRole role, RoleKeys keys) {
    if (keys.threshold() < 1) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, keys.role() + " has threshold " + keys.threshold());
    }
    Set<String> counted = new HashSet<>();
    for (RoleSignature signature : role.signatures()) {
      TufKey key = keys.keys().get(signature.keyId());
      if (key == null
          || !keys.keyIds().contains(signature.keyId())
          || counted.contains(signature.keyId())) {
        continue;
      }
      if (verifies(key, signature, role.canonicalSigned())) {
        counted.add(signature.keyId());
      }
    }
    if (counted.size() < keys.threshold()) {
      throw new TrustDataException(
          TrustProblem.BAD_SIGNATURE,
          role.role()
              + " is signed by "
              + counted.size()
              + " of its keys, needs "
              + keys.threshold()
              + " (keys "
              + abbreviate(keys.keyIds())
              + ", signatures by "
              + abbreviate(role.signatures().stream().map(RoleSignature::keyId).toList())
              + ")");
    }
  }

  /** Whether {@code key} made {@code signature} over {@code message}; false for bad input. */
  public static boolean verifies(TufKey key, RoleSignature signature, byte[] message) {
    try {
      PublicKey publicKey = key.publicKey();
      Signature verifier;
      byte[] bytes = signature.signature();
      switch (signature.method()) {
        case "ecdsa" -> {
          verifier = Signature.getInstance("SHA256withECDSA");
          bytes = derFromRaw(bytes);
        }
        case "eddsa" -> verifier = Signature.getInstance("Ed25519");
        case "rsapss" -> {
          verifier = Signature.getInstance("RSASSA-PSS");
          verifier.setParameter(
              new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        case "rsapkcs1v15" -> verifier = Signature.getInstance("SHA256withRSA");
        default -> {
          return false;
        }
      }
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(bytes);
    } catch (GeneralSecurityException | TrustDataException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Raw {@code r||s} (even length) to an ASN.1 DER {@code ECDSA-Sig-Value}. */
  static byte[] derFromRaw(byte[] raw) {
    if (raw.length == 0 || raw.length % 2 != 0 || raw.length > 132) {
      throw new IllegalArgumentException("not a raw ECDSA signature");
    }
    int half = raw.length / 2;
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)).toByteArray();
    int length = 2 + r.length + 2 + s.length;
    // P-256 and P-384 fit a one-byte length; P-521 (up to 139 bytes) needs the long form.
    byte[] header =
        length < 128
            ? new byte[] {0x30, (byte) length}
            : new byte[] {0x30, (byte) 0x81, (byte) length};
    byte[] der = new byte[header.length + length];
    System.arraycopy(header, 0, der, 0, header.length);
    int at = header.length;
    der[at++] = 0x02;
    der[at++] = (byte) r.length;
    System.arraycopy(r, 0, der, at, r.length);
    at += r.length;
    der[at++] = 0x02;
    der[at++] = (byte) s.length;
    System.arraycopy(s, 0, der, at, s.length);
    return der;
  }

  private static String abbreviate(java.util.List<String> ids) {
    return ids.stream()
        .map(id -> id.length() > 12 ? id.substring(0, 12) + "…" : id)
        .toList()
        .toString();
  }
}
