package dev.hallmark.signer.signers;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * One signing key, whatever holds it. Implementations are thread-safe.
 *
 * <p>Signatures are what cosign verifies (docs/formats.md, "Signature algorithms"): for {@link
 * SigningAlgorithm#ECDSA_P256} an ASN.1 DER {@code ECDSA-Sig-Value} over SHA-256 of the data, for
 * the RSA algorithms PKCS#1 v1.5 with SHA-256.
 */
public interface Signer {

  /** The public half, as verifiers use it. */
  PublicKey publicKey();

  SigningAlgorithm algorithm();

  /**
   * Signs {@code data} (the exact bytes, hashed here).
   *
   * @throws SigningException if the key holder fails; the message names the key, never data
   */
  byte[] sign(byte[] data);

  /**
   * The X.509 certificate that holds this key's public key, if the key holder keeps one: the
   * certificate stored next to a PKCS#11 key (signed inside the token when the key was generated)
   * or the one in a PKCS#12 file. It is stable across restarts, which a Notary delegation needs:
   * the delegation's key id is the hash of the certificate.
   */
  default Optional<X509Certificate> certificate() {
    return Optional.empty();
  }
}
